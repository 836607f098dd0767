/**
 * SIMULATED managed-inference vendor APIs (Alaya NeW, ZStack AIOS, Baidu Qianfan, DaoCloud d.run) for provider
 * tests and local tries: one simulator per vendor in its own package, built only from
 * {@code shared/design/vendors.md}, and {@link io.modeldeploy.sim.platform.PlatformSimulatorMain} to run one from the
 * command line ({@code hack/vendor-sim.sh}). Nothing here calls a real vendor or runs a model.
 */
package io.modeldeploy.sim.platform;
