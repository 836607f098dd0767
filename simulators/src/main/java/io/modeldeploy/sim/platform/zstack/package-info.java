/** SIMULATED ZStack AIOS model-service API: see {@link io.modeldeploy.sim.platform.zstack.ZStackSimulator}. */
package io.modeldeploy.sim.platform.zstack;
