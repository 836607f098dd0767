/**
 * What the SIMULATED vendor APIs share: {@link io.modeldeploy.sim.platform.http.PlatformSimulator}, the base every
 * vendor's simulator extends (the JDK HTTP server, injectable {@link io.modeldeploy.sim.platform.http.Faults}, the
 * {@link io.modeldeploy.sim.platform.http.RequestLog} tests read, and a
 * {@link io.modeldeploy.sim.platform.http.Router} with the vendor's own error shape and credential check), and
 * time-driven progress ({@link io.modeldeploy.sim.platform.http.Timeline},
 * {@link io.modeldeploy.sim.platform.http.ManualClock}).
 */
package io.modeldeploy.sim.platform.http;
