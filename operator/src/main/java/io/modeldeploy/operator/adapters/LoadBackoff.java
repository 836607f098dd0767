package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.retry.Backoff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed loads are retried with exponential backoff per (pod, adapter), and the engine's last message
 * is kept to report while waiting. In memory only: after an operator restart every load is tried once
 * more at once, which is harmless.
 */
public final class LoadBackoff {
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(5));

    private record Attempt(int failures, Instant nextTry, String message) {
    }

    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoadBackoff(Clock clock) {
        this.clock = clock;
    }

    /** The last failure message while the adapter is still backing off on that pod. */
    public Optional<String> blocked(String podUid, String adapter) {
        Attempt a = attempts.get(podUid + "/" + adapter);
        return a != null && clock.instant().isBefore(a.nextTry()) ? Optional.of(a.message()) : Optional.empty();
    }

    public void failed(String podUid, String adapter, String message) {
        attempts.compute(podUid + "/" + adapter, (k, old) -> {
            int failures = old == null ? 1 : old.failures() + 1;
            return new Attempt(failures, clock.instant().plus(BACKOFF.after(failures)), message);
        });
    }

    public void succeeded(String podUid, String adapter) {
        attempts.remove(podUid + "/" + adapter);
    }

    /** Time until the earliest retry is due, if any adapter is backing off. */
    public Optional<Duration> nextRetry() {
        Instant now = clock.instant();
        return attempts.values().stream().map(Attempt::nextTry).filter(now::isBefore).min(Instant::compareTo)
                .map(t -> Duration.between(now, t));
    }

    /** Forgets pods that are gone, so the map does not grow with every rollout. */
    public void retainPods(java.util.Set<String> podUids) {
        attempts.keySet().removeIf(k -> !podUids.contains(k.substring(0, k.indexOf('/'))));
    }
}
