package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.engine.EngineCredential;
import io.modeldeploy.operator.render.ApiKeyRef;
import io.modeldeploy.operator.render.ApiKeySecretRenderer;

import java.util.Objects;
import java.util.Optional;

/**
 * Finds or makes a deployment's API key. The operator's own Secret is created once with a random key
 * and never rewritten (rewriting would change the key); a user's Secret is only read. A Secret under the
 * operator's name that this deployment does not control is a conflict: never read, never served.
 */
final class ApiKeys {
    /** The user's Secret or key is missing: a state the user must fix, not an error to retry fast. */
    static final class MissingKey extends Exception {
        MissingKey(String message) {
            super(message);
        }
    }

    private final ClusterWriter cluster;

    ApiKeys(ClusterWriter cluster) {
        this.cluster = cluster;
    }

    /** The key's reference for rendering, and its value for the operator's own calls to the engines. */
    record Resolved(ApiKeyRef ref, EngineCredential credential) {
    }

    Resolved ensure(ResolvedDeployment d, Optional<Secret> cached) throws MissingKey {
        String name = d.apiKey().secretName();
        String key = d.apiKey().key();
        Secret secret = cached.orElse(null);
        if (secret == null) {
            // The operator's own Secret is created without asking first: one that exists (made by an earlier reconcile
            // the cache has not shown yet, or someone else's) is read back, and that key is kept. A user's Secret is
            // not cached (it carries none of the operator's labels): it is read.
            secret = d.apiKey().operatorOwned()
                    ? cluster.createOrGet(ApiKeySecretRenderer.render(d, ApiKeySecretRenderer.newApiKey()))
                    : cluster.secret(d.namespace(), name).orElse(null);
        }
        if (secret == null) {
            throw new MissingKey("Secret " + name + " named by spec.apiKey.secretRef does not exist");
        }
        if (d.apiKey().operatorOwned() && !controlledBy(secret, d)) {
            // Someone else's Secret under the name the operator would make: its value is not read, let alone served.
            throw new ResourceConflict(secret);
        }
        String value = Optional.ofNullable(SecretValues.of(secret).get(key))
                .orElseThrow(() -> new MissingKey("Secret " + name + " has no key '" + key + "'"));
        return new Resolved(new ApiKeyRef(name, key, ApiKeySecretRenderer.digest(value)), new EngineCredential(value));
    }

    private static boolean controlledBy(Secret secret, ResolvedDeployment d) {
        return secret.getMetadata().getOwnerReferences() != null && secret.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && Objects.equals(d.ref().uid(), o.getUid()));
    }
}
