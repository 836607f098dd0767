/** SIMULATED Alaya NeW serverless-infer API: see {@link io.modeldeploy.sim.vendor.alayanew.AlayaNewSimulator}. */
package io.modeldeploy.sim.vendor.alayanew;
