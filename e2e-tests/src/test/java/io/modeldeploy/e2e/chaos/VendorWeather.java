package io.modeldeploy.e2e.chaos;

import io.modeldeploy.sim.platform.http.Faults;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A storm over one SIMULATED vendor, on a schedule: for {@link Storm#length()} a seeded share of all requests fails
 * with 503, a burst of 429s with {@code Retry-After} comes every {@link Storm#throttleEvery()}, a request is answered
 * only after the operator's 20 s timeout every {@link Storm#timeoutEvery()}, and in the middle the vendor is down
 * (every request 503) for {@link Storm#outage()}. Then the weather clears: every fault is removed at once.
 */
final class VendorWeather implements AutoCloseable {
    /** Longer than the operator's vendor HTTP timeout (20 s): the operator gives up before the vendor answers. */
    static final Duration TIMEOUT_DELAY = Duration.ofSeconds(25);
    private static final int THROTTLE_BURST = 3;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    record Storm(double errorRatio, Duration length, Duration outageStart, Duration outage, Duration throttleEvery,
                 Duration timeoutEvery) {
        String describe() {
            return String.format("%.0f%% 503 for %d s, 429 x%d every %d s, a timeout every %d s, down %d s",
                    errorRatio * 100, length.toSeconds(), THROTTLE_BURST, throttleEvery.toSeconds(),
                    timeoutEvery.toSeconds(), outage.toSeconds());
        }
    }

    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vendor-weather");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch cleared = new CountDownLatch(1);
    private final AtomicInteger timeouts = new AtomicInteger();

    private VendorWeather() {
    }

    static VendorWeather start(Faults faults, Storm storm, long seed) {
        VendorWeather weather = new VendorWeather();
        faults.storm(storm.errorRatio(), 503, new Random(seed));
        weather.every(storm.throttleEvery(), () -> faults.throttleNext(THROTTLE_BURST, RETRY_AFTER));
        weather.every(storm.timeoutEvery(), () -> {
            faults.delayNext(TIMEOUT_DELAY, 1);
            weather.timeouts.incrementAndGet();
        });
        weather.at(storm.outageStart(), () -> faults.down(503));
        weather.at(storm.outageStart().plus(storm.outage()), faults::up);
        weather.at(storm.length(), () -> {
            faults.clear();
            weather.clock.shutdownNow();
            weather.cleared.countDown();
        });
        return weather;
    }

    /** Blocks until the storm is over (bounded by the storm's own length plus a margin). */
    void awaitCleared(Duration bound) throws InterruptedException {
        if (!cleared.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the storm did not clear within " + bound);
        }
    }

    /** Requests held past the operator's timeout (scheduled; one may not have met a request). */
    int timeouts() {
        return timeouts.get();
    }

    private void every(Duration period, Runnable fault) {
        clock.scheduleAtFixedRate(fault, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void at(Duration when, Runnable change) {
        clock.schedule(change, when.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
