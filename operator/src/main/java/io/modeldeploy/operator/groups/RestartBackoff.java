package io.modeldeploy.operator.groups;

import io.modeldeploy.operator.retry.Backoff;

import java.time.Duration;

/**
 * How long a broken group is left before it is replaced. A group that broke soon after it started is
 * likely to break again (a crashing engine, a bad flag): each quick restart in a row doubles the wait,
 * as the kubelet does for a crashing container, instead of churning pods and GPUs.
 */
public final class RestartBackoff {
    /** A group that lived this long before breaking starts its count again. */
    static final Duration STABLE = Duration.ofMinutes(10);
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    private RestartBackoff() {
    }

    /** Restarts in a row that led to a group which lived {@code age} before breaking. */
    static int streak(int restartsBefore, Duration age) {
        return age.compareTo(STABLE) >= 0 ? 0 : restartsBefore;
    }

    /** The least age a broken group reaches before it is replaced, after {@code streak} quick restarts. */
    static Duration delay(int streak) {
        return BACKOFF.after(streak);
    }
}
