package io.modeldeploy.operator.retry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Doubling waits, the operator's one retry schedule: {@code first} after the first failure, twice that
 * after the second, and so on up to {@code max}.
 */
public record Backoff(Duration first, Duration max) {

    /** The wait after {@code failures} failures in a row; none before the first. */
    public Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration wait = first.multipliedBy(1L << Math.min(failures - 1, 20));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** Failures counted per key (a resource's uid, a pod and adapter), for callers that keep no other state. */
    public <K> Counter<K> counter() {
        return new Counter<>(this);
    }

    public static final class Counter<K> {
        private final Backoff backoff;
        private final Map<K, Integer> failures = new ConcurrentHashMap<>();

        private Counter(Backoff backoff) {
            this.backoff = backoff;
        }

        /** Counts one more failure for {@code key} and says how long to wait before the next try. */
        public Duration failed(K key) {
            return backoff.after(failures.merge(key, 1, Integer::sum));
        }

        /** Any answer ends the run of failures. */
        public void reset(K key) {
            failures.remove(key);
        }
    }
}
