/** SIMULATED Alaya NeW serverless-infer API: see {@link io.modeldeploy.sim.platform.alayanew.AlayaNewSimulator}. */
package io.modeldeploy.sim.platform.alayanew;
