package io.modeldeploy.sim.group;

import java.time.Duration;

/**
 * How fast the SIMULATED multi-node groups beat: members heartbeat their leader every {@code heartbeat}, a
 * member silent for {@code lossTimeout} is lost, and a worker that could not join waits {@code retry}
 * before it tries again (the {@code sleep 5} of the worker script).
 */
public record GroupTiming(Duration heartbeat, Duration lossTimeout, Duration retry) {

    /**
     * Real timings (heartbeat 1 s, loss after 5 s, retry 5 s) times the simulator's time scale, with floors
     * so that a slow test machine does not lose members it merely scheduled late.
     */
    public static GroupTiming scaled(double timeScale) {
        return new GroupTiming(atLeast(1000 * timeScale, 200), atLeast(5000 * timeScale, 2000),
                atLeast(5000 * timeScale, 250));
    }

    private static Duration atLeast(double millis, long floor) {
        return Duration.ofMillis(Math.max(floor, (long) millis));
    }
}
