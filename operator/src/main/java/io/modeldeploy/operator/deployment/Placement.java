package io.modeldeploy.operator.deployment;

import io.modeldeploy.operator.api.v1alpha1.DeletionPolicy;
import io.modeldeploy.operator.api.v1alpha1.Provider;

import java.util.Map;
import java.util.Optional;

/** Where the model runs: in this cluster, or on a managed platform. */
public sealed interface Placement {
    Provider provider();

    record InCluster() implements Placement {
        @Override
        public Provider provider() {
            return Provider.InCluster;
        }
    }

    /**
     * @param endpoint          spec.target.endpoint as written (the provider's default applies when empty)
     * @param credentialsSecret the Secret spec.target.credentialsSecretRef names
     * @param options           the provider's own block of spec.target (vksId, zoneUuid, region, ...)
     */
    record Managed(Provider provider, Optional<String> endpoint, Optional<String> credentialsSecret,
                   DeletionPolicy deletionPolicy, Map<String, Object> options) implements Placement {
        public Managed {
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }
}
