/** SIMULATED Baidu Qianfan {@code /v2/service} API: see {@link io.modeldeploy.sim.platform.qianfan.QianfanSimulator}. */
package io.modeldeploy.sim.platform.qianfan;
