/**
 * What the SIMULATED vendor APIs share: the JDK HTTP server, a router with the vendor's own error shape and
 * credential check, injectable {@link io.modeldeploy.sim.platform.http.Faults}, the
 * {@link io.modeldeploy.sim.platform.http.RequestLog} tests read, and time-driven progress
 * ({@link io.modeldeploy.sim.platform.http.Timeline}, {@link io.modeldeploy.sim.platform.http.ManualClock}).
 */
package io.modeldeploy.sim.platform.http;
