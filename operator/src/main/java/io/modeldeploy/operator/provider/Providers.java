package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.alayanew.AlayaNewProvider;
import io.modeldeploy.operator.provider.drun.DRunProvider;
import io.modeldeploy.operator.provider.qianfan.QianfanProvider;
import io.modeldeploy.operator.provider.zstack.ZStackProvider;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The providers this operator can drive, with each vendor's documented default endpoint. */
public final class Providers {
    private static final Map<Provider, URI> DEFAULT_ENDPOINTS = Map.of(
            Provider.AlayaNeW, URI.create("https://api.alayanew.com/api/serverless-infer/v1"),
            Provider.Qianfan, URI.create("https://qianfan.baidubce.com"),
            Provider.DRun, URI.create("https://api.d.run"));

    private final Map<Provider, ManagedProvider> implementations = new EnumMap<>(Provider.class);
    private final Map<Provider, URI> configuredEndpoints = new EnumMap<>(Provider.class);

    /** The installation's default endpoint for a provider (operator configuration), over the vendor's public one. */
    public Providers withDefaultEndpoint(Provider provider, java.util.Optional<String> endpoint) {
        endpoint.filter(e -> !e.isBlank()).ifPresent(e -> configuredEndpoints.put(provider, URI.create(e.replaceAll("/+$", ""))));
        return this;
    }

    /** spec.target.endpoint, else the installation's default, else the vendor's public endpoint. */
    public Optional<URI> endpointFor(Provider provider, String fromSpec) {
        if (fromSpec != null && !fromSpec.isBlank()) {
            return endpoint(provider, fromSpec);
        }
        return Optional.ofNullable(configuredEndpoints.get(provider)).or(() -> endpoint(provider, null));
    }

    /** Every provider this operator version implements, sharing one HTTP client. */
    public static Providers standard() {
        VendorHttp http = new VendorHttp();
        Providers providers = new Providers();
        // Implementations register here, one line per vendor.
        providers.register(Provider.AlayaNeW, new AlayaNewProvider(http));
        providers.register(Provider.DRun, new DRunProvider(http));
        providers.register(Provider.ZStack, new ZStackProvider(http));
        providers.register(Provider.Qianfan, new QianfanProvider(http));
        return providers;
    }

    public Providers register(Provider provider, ManagedProvider implementation) {
        implementations.put(provider, implementation);
        return this;
    }

    public Optional<ManagedProvider> of(Provider provider) {
        return Optional.ofNullable(implementations.get(provider));
    }

    /**
     * spec.target.endpoint, else the vendor's public endpoint. ZStack has none: every installation is
     * private, so its endpoint must be given.
     */
    public static Optional<URI> endpoint(Provider provider, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(URI.create(configured.replaceAll("/+$", "")));
        }
        return Optional.ofNullable(DEFAULT_ENDPOINTS.get(provider));
    }
}
