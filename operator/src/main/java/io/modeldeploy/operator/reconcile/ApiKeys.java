package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.engine.EngineCredential;
import io.modeldeploy.operator.render.ApiKeyRef;
import io.modeldeploy.operator.render.ApiKeySecretRenderer;
import io.modeldeploy.operator.render.ModelDeployments;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Finds or makes a deployment's API key. The operator's own Secret is created once with a random key
 * and never rewritten (rewriting would change the key); a user's Secret is only read.
 */
final class ApiKeys {
    /** The user's Secret or key is missing: a state the user must fix, not an error to retry fast. */
    static final class MissingKey extends Exception {
        MissingKey(String message) {
            super(message);
        }
    }

    private final KubernetesClient client;

    ApiKeys(KubernetesClient client) {
        this.client = client;
    }

    /** The key's reference for rendering, and its value for the operator's own calls to the engines. */
    record Resolved(ApiKeyRef ref, EngineCredential credential) {
    }

    Resolved ensure(ModelDeployment md, Optional<Secret> cached) throws MissingKey {
        String namespace = md.getMetadata().getNamespace();
        String name = ModelDeployments.apiKeySecretName(md);
        String key = ModelDeployments.apiKeySecretKey(md);
        Secret secret = cached.orElseGet(() -> client.secrets().inNamespace(namespace).withName(name).get());
        if (secret == null && ModelDeployments.operatorOwnsApiKey(md)) {
            secret = create(md);
        }
        if (secret == null) {
            throw new MissingKey("Secret " + name + " named by spec.apiKey.secretRef does not exist");
        }
        String value = value(secret, key)
                .orElseThrow(() -> new MissingKey("Secret " + name + " has no key '" + key + "'"));
        return new Resolved(new ApiKeyRef(name, key, ApiKeySecretRenderer.digest(value)), new EngineCredential(value));
    }

    private Secret create(ModelDeployment md) {
        Secret desired = ApiKeySecretRenderer.render(md, ApiKeySecretRenderer.newApiKey());
        try {
            return client.resource(desired).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // Created by an earlier reconcile the cache has not seen yet: keep that key.
                return client.secrets().inNamespace(md.getMetadata().getNamespace())
                        .withName(desired.getMetadata().getName()).get();
            }
            throw e;
        }
    }

    private static Optional<String> value(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
        }
        if (secret.getStringData() != null) {
            return Optional.ofNullable(secret.getStringData().get(key));
        }
        return Optional.empty();
    }
}
