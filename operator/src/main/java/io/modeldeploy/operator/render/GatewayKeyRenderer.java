package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modeldeploy.operator.api.gateway.PublishedKey;
import io.modeldeploy.operator.deployment.Labels;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The copy of a deployment's key the gateway reads, in the gateway's namespace: the gateway then needs to read
 * Secrets only there (a Role), never in tenant namespaces. One per key Secret, whatever deployments share it.
 */
public final class GatewayKeyRenderer {
    private GatewayKeyRenderer() {
    }

    public static Secret render(String gatewayNamespace, String sourceNamespace, String secret, String field, String key) {
        return new SecretBuilder()
                .withApiVersion("v1")
                .withKind("Secret")
                .withNewMetadata()
                .withNamespace(gatewayNamespace)
                .withName(PublishedKey.secretName(sourceNamespace, secret, field))
                .withLabels(Map.of(PublishedKey.LABEL, "true", Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE))
                .withAnnotations(Map.of(PublishedKey.SOURCE_NAMESPACE, sourceNamespace,
                        PublishedKey.SOURCE_SECRET, secret, PublishedKey.SOURCE_KEY, field))
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(PublishedKey.DATA_KEY,
                        Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
