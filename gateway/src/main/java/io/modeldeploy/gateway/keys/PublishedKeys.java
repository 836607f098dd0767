package io.modeldeploy.gateway.keys;

import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.gateway.catalog.KeyRef;
import io.modeldeploy.operator.api.gateway.PublishedKey;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Reads one Secret the operator published into the gateway's namespace (pure). */
public final class PublishedKeys {
    private PublishedKeys() {
    }

    public record Entry(KeyRef ref, String value) {
        @Override
        public String toString() {
            return "Entry[" + ref + ", ***]";
        }
    }

    public static Optional<Entry> read(Secret secret) {
        Map<String, String> annotations = secret.getMetadata().getAnnotations();
        if (annotations == null || secret.getData() == null) {
            return Optional.empty();
        }
        String namespace = annotations.get(PublishedKey.SOURCE_NAMESPACE);
        String name = annotations.get(PublishedKey.SOURCE_SECRET);
        String field = annotations.get(PublishedKey.SOURCE_KEY);
        String encoded = secret.getData().get(PublishedKey.DATA_KEY);
        if (namespace == null || name == null || field == null || encoded == null) {
            return Optional.empty();
        }
        try {
            String value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            return value.isEmpty() ? Optional.empty() : Optional.of(new Entry(new KeyRef(namespace, name, field), value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
