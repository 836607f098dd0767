package io.modeldeploy.operator.render;

import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

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
    public static Map<String, String> selector(ModelDeployment md) {
        return Map.of(DEPLOYMENT, md.getMetadata().getName());
    }

    public static String selectorString(ModelDeployment md) {
        return DEPLOYMENT + "=" + md.getMetadata().getName();
    }

    public static Map<String, String> of(ModelDeployment md, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "model-server");
        labels.put("app.kubernetes.io/instance", md.getMetadata().getName());
        labels.put("app.kubernetes.io/component", component);
        labels.put("app.kubernetes.io/part-of", "modeldeploy");
        labels.put(MANAGED_BY, MANAGED_BY_VALUE);
        labels.put(DEPLOYMENT, md.getMetadata().getName());
        return labels;
    }
}
