/** SIMULATED DaoCloud d.run (Hydra) model-serving API: see {@link io.modeldeploy.sim.vendor.drun.DRunSimulator}. */
package io.modeldeploy.sim.vendor.drun;
