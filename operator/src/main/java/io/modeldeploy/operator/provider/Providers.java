package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.config.OperatorConfig;
import io.quarkus.arc.All;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers this operator can drive, found as beans (each vendor package has one), with the endpoint
 * each call goes to: the spec's, else the installation's default, else the vendor's public one.
 */
@Singleton
public final class Providers {
    private final Map<Provider, ManagedProvider> implementations = new EnumMap<>(Provider.class);
    private final Map<Provider, URI> configuredEndpoints = new EnumMap<>(Provider.class);

    /** The installation's providers: every managed {@link Provider} must have its bean, or the operator does not start. */
    @Inject
    public Providers(@All List<ManagedProvider> implementations, OperatorConfig config) {
        this(implementations, endpoints(config.vendors()));
        List<Provider> missing = Arrays.stream(Provider.values())
                .filter(p -> p.optionsField().isPresent() && !this.implementations.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no provider bean implements " + missing);
        }
    }

    /** @param configuredEndpoints the installation's default endpoint per provider, by config key */
    public Providers(List<ManagedProvider> implementations, Map<String, Optional<String>> configuredEndpoints) {
        for (ManagedProvider implementation : implementations) {
            if (this.implementations.put(implementation.id(), implementation) != null) {
                throw new IllegalStateException("two implementations of provider " + implementation.id());
            }
            configuredEndpoints.getOrDefault(implementation.configKey(), Optional.empty())
                    .filter(e -> !e.isBlank())
                    .ifPresent(e -> this.configuredEndpoints.put(implementation.id(), trimmed(e)));
        }
    }

    private static Map<String, Optional<String>> endpoints(Map<String, OperatorConfig.Vendor> vendors) {
        Map<String, Optional<String>> out = new HashMap<>();
        vendors.forEach((key, vendor) -> out.put(key, vendor.endpoint()));
        return out;
    }

    public Optional<ManagedProvider> of(Provider provider) {
        return Optional.ofNullable(implementations.get(provider));
    }

    /** spec.target.endpoint, else the installation's default, else the vendor's public endpoint. */
    public Optional<URI> endpointFor(Provider provider, Optional<String> fromSpec) {
        if (fromSpec.filter(e -> !e.isBlank()).isPresent()) {
            return Optional.of(trimmed(fromSpec.get()));
        }
        return Optional.ofNullable(configuredEndpoints.get(provider))
                .or(() -> of(provider).flatMap(ManagedProvider::defaultEndpoint));
    }

    private static URI trimmed(String endpoint) {
        return URI.create(endpoint.replaceAll("/+$", ""));
    }
}
