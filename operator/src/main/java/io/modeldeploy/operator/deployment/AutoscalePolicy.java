package io.modeldeploy.operator.deployment;

import java.time.Duration;

/**
 * spec.autoscaling with its defaults applied: the bounds and the target the operator's scaler works to.
 *
 * @param minReplicas    fewest instances (0: scale to zero when idle)
 * @param maxReplicas    most instances
 * @param targetInFlight requests in flight per instance the scaler aims for
 * @param scaleDownDelay how long the need must stay lower before instances are removed
 */
public record AutoscalePolicy(int minReplicas, int maxReplicas, int targetInFlight, Duration scaleDownDelay) {
    public static final int DEFAULT_MIN_REPLICAS = 1;
    public static final int DEFAULT_TARGET_IN_FLIGHT = 8;
    public static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofMinutes(5);

    public AutoscalePolicy {
        if (minReplicas < 0 || maxReplicas < Math.max(1, minReplicas) || targetInFlight < 1 || scaleDownDelay.isNegative()) {
            throw new IllegalArgumentException("not a valid autoscaling policy: min " + minReplicas + ", max " + maxReplicas
                    + ", target " + targetInFlight + ", delay " + scaleDownDelay);
        }
    }

    /** {@code replicas} within [min, max]. */
    public int clamp(int replicas) {
        return Math.max(minReplicas, Math.min(maxReplicas, replicas));
    }
}
