package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProvidersTest {
    private final Providers providers = new Providers(implementations(), Map.of(
            "zstack", Optional.of("http://zstack.internal:8080/"),
            "drun", Optional.of("")));

    private static List<ManagedProvider> implementations() {
        VendorHttp http = new VendorHttp();
        return List.of(new io.modeldeploy.operator.provider.alayanew.AlayaNewProvider(http),
                new io.modeldeploy.operator.provider.drun.DRunProvider(http),
                new io.modeldeploy.operator.provider.qianfan.QianfanProvider(http),
                new io.modeldeploy.operator.provider.zstack.ZStackProvider(http));
    }

    @Test
    void theSpecsEndpointWinsOverTheInstallationsDefault() {
        assertThat(providers.endpointFor(Provider.ZStack, Optional.of("http://other:8080")))
                .contains(URI.create("http://other:8080"));
    }

    @Test
    void theInstallationsDefaultWinsOverTheVendorsPublicEndpoint() {
        assertThat(providers.endpointFor(Provider.ZStack, Optional.empty())).contains(URI.create("http://zstack.internal:8080"));
        assertThat(providers.endpointFor(Provider.DRun, Optional.of(""))).contains(URI.create("https://api.d.run"));
        assertThat(providers.endpointFor(Provider.AlayaNeW, Optional.empty()))
                .contains(URI.create("https://api.alayanew.com/api/serverless-infer/v1"));
    }

    @Test
    void zstackHasNoPublicEndpoint() {
        assertThat(Fixtures.providers().endpointFor(Provider.ZStack, Optional.empty())).isEmpty();
    }

    @Test
    void everyProviderButInClusterHasAnImplementationWithADistinctConfigKey() {
        Providers all = Fixtures.providers();
        List<Provider> managed = java.util.Arrays.stream(Provider.values()).filter(p -> p != Provider.InCluster).toList();
        assertThat(managed).allSatisfy(p -> assertThat(all.of(p)).isPresent());
        assertThat(implementations().stream().map(ManagedProvider::configKey).distinct()).hasSize(managed.size())
                .allSatisfy(key -> assertThat(key).matches("[a-z0-9]+"));
    }
}
