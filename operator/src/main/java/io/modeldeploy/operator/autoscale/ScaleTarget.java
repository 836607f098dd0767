package io.modeldeploy.operator.autoscale;

import io.modeldeploy.operator.deployment.AutoscalePolicy;

import java.util.List;

/**
 * A deployment with spec.autoscaling as its last reconcile saw it: the policy, and the ready instances whose engines
 * are scraped (none on a managed platform). The reconcile runs whenever a pod's readiness changes, so this list
 * follows the informer caches without the scaler reading the API server.
 */
public record ScaleTarget(ScaleKey key, AutoscalePolicy policy, List<EngineEndpoint> engines) {
    public ScaleTarget {
        engines = List.copyOf(engines);
    }
}
