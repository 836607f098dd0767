package io.modeldeploy.sim.platform.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock a test moves by hand, so simulated deploys and session expiry happen exactly when the test says. */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** Starts at {@code start}, truncated to whole seconds as vendors' timestamps are. */
    public ManualClock(Instant start) {
        this.now = start.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Starts at the current time, to whole seconds (signatures are checked against real-looking times). */
    public static ManualClock startingNow() {
        return new ManualClock(Instant.now());
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
