package io.modeldeploy.gateway.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.modeldeploy.gateway.catalog.Limits;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * {@code spec.gateway.rateLimit} per deployment key, with Bucket4j token buckets held in this replica. Replicas do
 * not talk to each other: each enforces its share, {@code ceil(limit / replicas)} per minute. While clients are
 * spread evenly over the replicas (the Service balances connections), the whole fleet admits the limit, rounded up
 * by at most {@code replicas - 1} per minute; when all of one key's traffic reaches one replica, only that replica's
 * share is admitted (never more than the limit, at worst {@code limit / replicas}). Tokens are only known once the
 * engine's {@code usage} arrives, so a request is admitted while the token bucket is not empty and its tokens are
 * charged afterwards: one minute's tokens can overshoot by the requests already in flight.
 */
public final class RateLimiter {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final TimeMeter time;
    private final IntSupplier replicas;
    private final ConcurrentHashMap<String, Buckets> buckets = new ConcurrentHashMap<>();

    public RateLimiter(TimeMeter time, IntSupplier replicas) {
        this.time = time;
        this.replicas = replicas;
    }

    private record Buckets(Limits limits, int replicas, Optional<Bucket> requests, Optional<Bucket> tokens) {
    }

    public Admission admit(String deployment, Limits limits) {
        if (!limits.any()) {
            buckets.remove(deployment);
            return new Admission.Admitted();
        }
        Buckets b = bucketsFor(deployment, limits);
        if (b.tokens().isPresent()) {
            EstimationProbe probe = b.tokens().get().estimateAbilityToConsume(1);
            if (!probe.canBeConsumed()) {
                return new Admission.Refused(seconds(probe.getNanosToWaitForRefill()), "tokens per minute");
            }
        }
        if (b.requests().isPresent()) {
            ConsumptionProbe probe = b.requests().get().tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return new Admission.Refused(seconds(probe.getNanosToWaitForRefill()), "requests per minute");
            }
        }
        return new Admission.Admitted();
    }

    /** The tokens a finished request used (the bucket may go into debt: the next requests wait for it). */
    public void charge(String deployment, Limits limits, long tokens) {
        if (tokens <= 0 || limits.tokensPerMinute().isEmpty()) {
            return;
        }
        bucketsFor(deployment, limits).tokens().ifPresent(bucket -> bucket.consumeIgnoringRateLimits(tokens));
    }

    private Buckets bucketsFor(String deployment, Limits limits) {
        int n = Math.max(1, replicas.getAsInt());
        return buckets.compute(deployment, (id, current) -> current != null && current.limits().equals(limits)
                && current.replicas() == n ? current
                : new Buckets(limits, n, bucket(limits.requestsPerMinute().isPresent()
                        ? limits.requestsPerMinute().getAsInt() : 0, n),
                        bucket(limits.tokensPerMinute().isPresent() ? limits.tokensPerMinute().getAsInt() : 0, n)));
    }

    private Optional<Bucket> bucket(int perMinute, int replicas) {
        if (perMinute <= 0) {
            return Optional.empty();
        }
        long share = Math.max(1, (perMinute + replicas - 1) / replicas);
        return Optional.of(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(share).refillGreedy(share, WINDOW).build())
                .withCustomTimePrecision(time)
                .build());
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
