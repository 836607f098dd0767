/** SIMULATED Baidu Qianfan {@code /v2/service} API: see {@link io.modeldeploy.sim.vendor.qianfan.QianfanSimulator}. */
package io.modeldeploy.sim.vendor.qianfan;
