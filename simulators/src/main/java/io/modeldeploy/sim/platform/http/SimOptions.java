package io.modeldeploy.sim.platform.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How fast a simulated vendor moves; not part of any vendor API. Progress is computed from {@link #clock()} when a
 * service is read, so a test can drive time with a {@link ManualClock} instead of sleeping.
 *
 * @param deployDelay     create (or start / redeploy) until the service serves
 * @param transitionDelay scale, stop, restart and update transitions
 * @param deleteDelay     how long a deleted service is still visible as being deleted (where the vendor shows that)
 * @param sessionTtl      ZStack only: how long a login session lives (ZStack's default is 2 hours)
 * @param clock           the simulator's notion of now (also for signature and session expiry)
 */
public record SimOptions(Duration deployDelay, Duration transitionDelay, Duration deleteDelay, Duration sessionTtl,
                         Clock clock) {

    public SimOptions {
        deployDelay = nonNegative(deployDelay);
        transitionDelay = nonNegative(transitionDelay);
        deleteDelay = nonNegative(deleteDelay);
        sessionTtl = sessionTtl == null || sessionTtl.isNegative() || sessionTtl.isZero()
                ? Duration.ofHours(2) : sessionTtl;
        Objects.requireNonNull(clock, "clock");
    }

    /** Deploys take 5 s and transitions 2 s, deletes are immediate, sessions live 2 h, system clock. */
    public static SimOptions defaults() {
        return new SimOptions(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO, Duration.ofHours(2),
                Clock.systemUTC());
    }

    public SimOptions withDeployDelay(Duration delay) {
        return new SimOptions(delay, transitionDelay, deleteDelay, sessionTtl, clock);
    }

    public SimOptions withTransitionDelay(Duration delay) {
        return new SimOptions(deployDelay, delay, deleteDelay, sessionTtl, clock);
    }

    public SimOptions withDeleteDelay(Duration delay) {
        return new SimOptions(deployDelay, transitionDelay, delay, sessionTtl, clock);
    }

    public SimOptions withSessionTtl(Duration ttl) {
        return new SimOptions(deployDelay, transitionDelay, deleteDelay, ttl, clock);
    }

    public SimOptions withClock(Clock newClock) {
        return new SimOptions(deployDelay, transitionDelay, deleteDelay, sessionTtl, newClock);
    }

    private static Duration nonNegative(Duration duration) {
        return duration == null || duration.isNegative() ? Duration.ZERO : duration;
    }
}
