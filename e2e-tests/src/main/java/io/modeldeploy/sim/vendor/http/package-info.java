/**
 * What the SIMULATED vendor APIs share: the JDK HTTP server, a router with the vendor's own error shape and
 * credential check, injectable {@link io.modeldeploy.sim.vendor.http.Faults}, the
 * {@link io.modeldeploy.sim.vendor.http.RequestLog} tests read, and time-driven progress
 * ({@link io.modeldeploy.sim.vendor.http.Timeline}, {@link io.modeldeploy.sim.vendor.http.ManualClock}).
 */
package io.modeldeploy.sim.vendor.http;
