package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Map;

/**
 * Plays {@code fault} on every pod in {@code namespace} whose labels include all of {@code labels},
 * including pods created later (for example by a Deployment the operator manages).
 */
public record FaultRule(String namespace, Map<String, String> labels, Fault fault) {

    public FaultRule {
        labels = Map.copyOf(labels);
    }

    boolean matches(Pod pod) {
        Map<String, String> podLabels = pod.getMetadata().getLabels();
        return namespace.equals(pod.getMetadata().getNamespace())
                && podLabels != null
                && podLabels.entrySet().containsAll(labels.entrySet());
    }
}
