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
 * The providers this operator can drive, found as beans (each vendor package has one), with the API base each call
 * goes to: the spec's endpoint if the installation allows it, else the installation's default, else the vendor's
 * public one. Every provider it hands out masks its deployment's credentials in what it says ({@link MaskingProvider}).
 */
@Singleton
public final class Providers {
    private final Map<Provider, ManagedProvider> implementations = new EnumMap<>(Provider.class);
    private final Map<Provider, URI> configuredEndpoints = new EnumMap<>(Provider.class);
    private final Map<Provider, AllowedEndpoints> allowed = new EnumMap<>(Provider.class);

    /** The installation's providers: every managed {@link Provider} must have its bean, or the operator does not start. */
    @Inject
    public Providers(@All List<ManagedProvider> implementations, OperatorConfig config) {
        this(implementations, endpoints(config.vendors()), allowedEndpoints(config.vendors()));
        List<Provider> missing = Arrays.stream(Provider.values())
                .filter(p -> p.optionsField().isPresent() && !this.implementations.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no provider bean implements " + missing);
        }
    }

    /** @param configuredEndpoints the installation's default endpoint per provider, by config key */
    public Providers(List<ManagedProvider> implementations, Map<String, Optional<String>> configuredEndpoints) {
        this(implementations, configuredEndpoints, Map.of());
    }

    /**
     * @param configuredEndpoints the installation's default endpoint per provider, by config key
     * @param allowedEndpoints    the endpoint prefixes a spec may name, by config key; a provider not listed allows its
     *                            public default endpoint. The configured default endpoint is always allowed.
     * @throws IllegalArgumentException when a configured endpoint or prefix is not a plain http(s) URL
     */
    public Providers(List<ManagedProvider> implementations, Map<String, Optional<String>> configuredEndpoints,
                     Map<String, List<String>> allowedEndpoints) {
        for (ManagedProvider implementation : implementations) {
            if (this.implementations.put(implementation.id(), new MaskingProvider(implementation)) != null) {
                throw new IllegalStateException("two implementations of provider " + implementation.id());
            }
            String key = implementation.configKey();
            AllowedEndpoints allowedHere = AllowedEndpoints.of(allowedEndpoints.getOrDefault(key,
                    implementation.defaultEndpoint().map(URI::toString).stream().toList()));
            Optional<String> configured = configuredEndpoints.getOrDefault(key, Optional.empty()).filter(e -> !e.isBlank());
            if (configured.isPresent()) {
                URI endpoint = configuredEndpoint(key, configured.get());
                this.configuredEndpoints.put(implementation.id(), endpoint);
                allowedHere = allowedHere.with(EndpointPrefix.parse(apiBase(implementation, endpoint).toString()));
            }
            allowed.put(implementation.id(), allowedHere);
        }
    }

    private static URI configuredEndpoint(String key, String endpoint) {
        try {
            return VendorEndpoint.parse(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("modeldeploy.vendors." + key + ".endpoint " + e.getMessage(), e);
        }
    }

    private static Map<String, Optional<String>> endpoints(Map<String, OperatorConfig.Vendor> vendors) {
        Map<String, Optional<String>> out = new HashMap<>();
        vendors.forEach((key, vendor) -> out.put(key, vendor.endpoint()));
        return out;
    }

    private static Map<String, List<String>> allowedEndpoints(Map<String, OperatorConfig.Vendor> vendors) {
        Map<String, List<String>> out = new HashMap<>();
        vendors.forEach((key, vendor) -> vendor.allowedEndpoints().ifPresent(list -> out.put(key, list)));
        return out;
    }

    public Optional<ManagedProvider> of(Provider provider) {
        return Optional.ofNullable(implementations.get(provider));
    }

    /**
     * The API base a call goes to: spec.target.endpoint when the installation allows it, else the installation's
     * default, else the vendor's public endpoint; an endpoint given as a host alone gets the vendor's documented base
     * path.
     *
     * @throws EndpointRefused when the spec's endpoint is not a plain http(s) URL, or outside the allowed prefixes, or
     *                         when there is no endpoint at all
     */
    public URI apiBase(Provider provider, Optional<String> fromSpec) throws EndpointRefused {
        ManagedProvider implementation = of(provider)
                .orElseThrow(() -> new EndpointRefused(provider + " is not supported by this operator version"));
        Optional<String> written = fromSpec.filter(e -> !e.isBlank());
        if (written.isEmpty()) {
            URI fallback = Optional.ofNullable(configuredEndpoints.get(provider))
                    .or(implementation::defaultEndpoint)
                    .orElseThrow(() -> new EndpointRefused("is required for " + provider + ": it has no public endpoint"
                            + " and the installation sets none (modeldeploy.vendors." + implementation.configKey()
                            + ".endpoint)"));
            return apiBase(implementation, fallback);
        }
        URI base;
        try {
            base = apiBase(implementation, VendorEndpoint.parse(written.get()));
        } catch (IllegalArgumentException e) {
            throw new EndpointRefused(e.getMessage());
        }
        AllowedEndpoints allowedHere = allowed.get(provider);
        if (!allowedHere.allows(base)) {
            throw new EndpointRefused("'" + VendorEndpoint.shown(base) + "' is not allowed for " + provider
                    + "; this installation allows endpoints under: " + allowedHere.describe()
                    + " (operator setting modeldeploy.vendors." + implementation.configKey() + ".allowed-endpoints)");
        }
        return base;
    }

    private static URI apiBase(ManagedProvider implementation, URI endpoint) {
        return VendorEndpoint.apiBase(endpoint, implementation.description().basePath());
    }
}
