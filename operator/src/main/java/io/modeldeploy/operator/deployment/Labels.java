package io.modeldeploy.operator.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels every object the operator creates carries, and the selector of a deployment's pods. */
public final class Labels {
    public static final String DEPLOYMENT = "modeldeploy.io/deployment";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "modeldeploy-operator";

    private Labels() {
    }

    /** Selects the pods of one ModelDeployment; immutable once a Deployment exists, so it never grows. */
    public static Map<String, String> selector(DeploymentRef ref) {
        return Map.of(DEPLOYMENT, ref.name());
    }

    public static String selectorString(DeploymentRef ref) {
        return DEPLOYMENT + "=" + ref.name();
    }

    public static Map<String, String> of(DeploymentRef ref, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "model-server");
        labels.put("app.kubernetes.io/instance", ref.name());
        labels.put("app.kubernetes.io/component", component);
        labels.put("app.kubernetes.io/part-of", "modeldeploy");
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(DEPLOYMENT, ref.name());
        return labels;
    }
}
