/** SIMULATED ZStack AIOS model-service API: see {@link io.modeldeploy.sim.vendor.zstack.ZStackSimulator}. */
package io.modeldeploy.sim.vendor.zstack;
