package io.modeldeploy.gateway.catalog;

import io.modeldeploy.operator.api.v1alpha1.Adapter;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.RateLimit;
import io.modeldeploy.operator.api.v1alpha1.RoutingStrategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a ModelDeployment as the gateway sees it (pure). */
public final class DeploymentViews {
    /** The key field the operator's own key Secret uses; spec.apiKey.secretRef.key overrides it. */
    static final String DEFAULT_KEY_FIELD = "apiKey";

    private DeploymentViews() {
    }

    /**
     * @param sameNamespace the other ModelDeployments of its namespace, by name (a LoRA service's base)
     * @return empty while the deployment cannot be called: no status yet, or no served names
     */
    public static Optional<DeploymentView> of(ModelDeployment md, Function<String, Optional<ModelDeployment>> sameNamespace) {
        ModelDeploymentSpec spec = md.getSpec();
        ModelDeploymentStatus status = md.getStatus();
        if (spec == null || status == null || status.getServedNames() == null || status.getServedNames().isEmpty()) {
            return Optional.empty();
        }
        String namespace = md.getMetadata().getNamespace();
        String name = md.getMetadata().getName();
        Optional<ModelDeployment> base = spec.getLora() == null || spec.getLora().getBaseRef() == null
                ? Optional.empty() : sameNamespace.apply(spec.getLora().getBaseRef().getName());
        if (spec.getLora() != null && base.isEmpty()) {
            return Optional.empty();
        }
        ModelDeployment keyHolder = base.orElse(md);
        Optional<KeyRef> key = Optional.ofNullable(status.getApiKeySecret())
                .map(secret -> new KeyRef(namespace, secret, keyField(keyHolder.getSpec())));

        List<String> adapterNames = Optional.ofNullable(spec.getAdapters()).orElse(List.of()).stream()
                .map(Adapter::getName).toList();
        List<String> servedNames;
        Map<String, String> adapters = new LinkedHashMap<>();
        if (base.isPresent()) {
            // A LoRA service's served names are the adapters' client strings, exactly as in its status.
            servedNames = List.of();
            for (String client : status.getServedNames()) {
                adapterOf(client, adapterNames).ifPresent(adapter -> adapters.put(client, adapter));
            }
        } else {
            servedNames = List.copyOf(status.getServedNames());
            for (String adapter : adapterNames) {
                adapters.put(clientName(spec, servedNames.get(0), adapter), adapter);
            }
        }
        return Optional.of(new DeploymentView(namespace, name, servedNames, adapters,
                base.map(b -> b.getMetadata().getName()).orElse(name), key, managed(spec, status),
                strategy(spec), limits(spec), held(status)));
    }

    private static String keyField(ModelDeploymentSpec spec) {
        if (spec != null && spec.getApiKey() != null && spec.getApiKey().getSecretRef() != null
                && spec.getApiKey().getSecretRef().getKey() != null) {
            return spec.getApiKey().getSecretRef().getKey();
        }
        return DEFAULT_KEY_FIELD;
    }

    /** vLLM names an adapter by itself, SGLang as {@code <served name>:<adapter>} (the engines' own rules). */
    private static String clientName(ModelDeploymentSpec spec, String baseServed, String adapter) {
        boolean sglang = spec.getQuickStart() != null && spec.getQuickStart().getBackend() == Backend.SGLANG;
        return sglang ? baseServed + ":" + adapter : adapter;
    }

    private static Optional<String> adapterOf(String client, List<String> adapterNames) {
        if (adapterNames.contains(client)) {
            return Optional.of(client);
        }
        int colon = client.lastIndexOf(':');
        return colon >= 0 && adapterNames.contains(client.substring(colon + 1))
                ? Optional.of(client.substring(colon + 1)) : Optional.empty();
    }

    private static Optional<ManagedTarget> managed(ModelDeploymentSpec spec, ModelDeploymentStatus status) {
        Provider provider = spec.getTarget() == null || spec.getTarget().getProvider() == null
                ? Provider.InCluster : spec.getTarget().getProvider();
        if (provider == Provider.InCluster) {
            return Optional.empty();
        }
        // A vendor service is called only once the vendor says it serves.
        return status.getPhase() == Phase.Running && status.getServiceUrl() != null
                ? Optional.of(new ManagedTarget(provider, status.getServiceUrl())) : Optional.empty();
    }

    private static RoutingStrategy strategy(ModelDeploymentSpec spec) {
        return spec.getRouting() == null || spec.getRouting().getStrategy() == null
                ? RoutingStrategy.LeastInFlight : spec.getRouting().getStrategy();
    }

    private static Limits limits(ModelDeploymentSpec spec) {
        RateLimit limit = spec.getGateway() == null ? null : spec.getGateway().getRateLimit();
        if (limit == null) {
            return Limits.NONE;
        }
        return new Limits(optional(limit.getRequestsPerMinute()), optional(limit.getTokensPerMinute()));
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static Map<String, Set<String>> held(ModelDeploymentStatus status) {
        return Optional.ofNullable(status.getInstances()).orElse(List.of()).stream()
                .filter(i -> i.getInstanceId() != null)
                .collect(Collectors.toMap(InstanceStatus::getInstanceId,
                        i -> Set.copyOf(Optional.ofNullable(i.getLoraModels()).orElse(List.of())), (a, b) -> a));
    }
}
