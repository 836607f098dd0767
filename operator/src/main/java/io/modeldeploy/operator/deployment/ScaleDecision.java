package io.modeldeploy.operator.deployment;

import java.time.Instant;

/**
 * What the operator's scaler last decided for a deployment with spec.autoscaling, and from what: the count the
 * reconcile applies instead of spec.replicas, and what status.autoscaling says.
 *
 * @param desiredReplicas instances wanted
 * @param inFlight        requests in flight (the gateway's count, or the engines' when they report more)
 * @param held            requests the gateway held (no ready instance)
 * @param queued          requests waiting in the engines' own queues
 * @param reason          why, in words, e.g. "scale up 1 to 3: 21 in flight or held, target 8 per instance"
 * @param at              when the desired count was decided
 */
public record ScaleDecision(int desiredReplicas, int inFlight, int held, int queued, String reason, Instant at) {
}
