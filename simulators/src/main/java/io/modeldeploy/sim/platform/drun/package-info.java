/** SIMULATED DaoCloud d.run (Hydra) model-serving API: see {@link io.modeldeploy.sim.platform.drun.DRunSimulator}. */
package io.modeldeploy.sim.platform.drun;
