package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ModelDeployment as a user sees it through the API: untyped, read the way {@code kubectl get -o yaml}
 * shows it, so the tests exercise the CRD and not the operator's Java types.
 */
public record ModelDeploymentView(GenericKubernetesResource resource) {

    public String phase() {
        return (String) status().get("phase");
    }

    public long resourceVersion() {
        return Long.parseLong(resource.getMetadata().getResourceVersion());
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> status() {
        Object status = resource.getAdditionalProperties().get("status");
        return status == null ? Map.of() : (Map<String, Object>) status;
    }

    public Object statusField(String name) {
        return status().get(name);
    }

    /** The status describes the current spec: status.observedGeneration is metadata.generation. */
    public boolean observedCurrentGeneration() {
        Object observed = status().get("observedGeneration");
        return observed != null && resource.getMetadata().getGeneration() != null
                && ((Number) observed).longValue() == resource.getMetadata().getGeneration();
    }

    public int readyReplicas() {
        Object value = status().get("readyReplicas");
        return value == null ? 0 : ((Number) value).intValue();
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> instances() {
        Object value = status().get("instances");
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> condition(String type) {
        Object value = status().get("conditions");
        if (value == null) {
            return Optional.empty();
        }
        return ((List<Map<String, Object>>) value).stream().filter(c -> type.equals(c.get("type"))).findFirst();
    }

    public boolean conditionIs(String type, String status, String reason) {
        return condition(type).map(c -> status.equals(c.get("status")) && (reason == null || reason.equals(c.get("reason"))))
                .orElse(false);
    }

    public String conditionMessage(String type) {
        return condition(type).map(c -> String.valueOf(c.get("message"))).orElse("");
    }
}
