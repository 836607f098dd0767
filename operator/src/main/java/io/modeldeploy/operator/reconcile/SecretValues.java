package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Secret's values as text: the one place that decodes Secret data. */
final class SecretValues {
    private SecretValues() {
    }

    /** {@code data} decoded, then {@code stringData} (which only a Secret not yet written can still carry). */
    static Map<String, String> of(Secret secret) {
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return values;
    }
}
