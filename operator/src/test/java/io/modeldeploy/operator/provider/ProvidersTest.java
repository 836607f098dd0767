package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static Providers allowing(String key, String... prefixes) {
        return new Providers(implementations(), Map.of(), Map.of(key, List.of(prefixes)));
    }

    @Test
    void theInstallationsDefaultWinsOverTheVendorsPublicEndpoint() throws EndpointRefused {
        assertThat(providers.apiBase(Provider.ZStack, Optional.empty())).isEqualTo(URI.create("http://zstack.internal:8080/zstack/v1"));
        assertThat(providers.apiBase(Provider.AlayaNeW, Optional.empty()))
                .isEqualTo(URI.create("https://api.alayanew.com/api/serverless-infer/v1"));
        assertThat(providers.apiBase(Provider.Qianfan, Optional.empty())).isEqualTo(URI.create("https://qianfan.baidubce.com/v2/service"));
    }

    /** No page names d.run's management host: none is invented, the spec or the installation must name it. */
    @Test
    void aVendorWithoutADocumentedHostNeedsAnEndpoint() {
        assertThatThrownBy(() -> providers.apiBase(Provider.DRun, Optional.of("")))
                .isInstanceOf(EndpointRefused.class).hasMessageContaining("is required for DRun")
                .hasMessageContaining("modeldeploy.vendors.drun.endpoint");
    }

    @Test
    void theInstallationsConfiguredEndpointIsAlwaysAllowed() throws EndpointRefused {
        assertThat(providers.apiBase(Provider.ZStack, Optional.of("http://zstack.internal:8080")))
                .isEqualTo(URI.create("http://zstack.internal:8080/zstack/v1"));
        assertThat(providers.apiBase(Provider.ZStack, Optional.of("http://zstack.internal:8080/zstack/v1/")))
                .isEqualTo(URI.create("http://zstack.internal:8080/zstack/v1"));
    }

    @Test
    void zstackHasNoPublicEndpointSoNothingIsAllowedUntilTheInstallationSaysSo() {
        assertThatThrownBy(() -> Fixtures.providers().apiBase(Provider.ZStack, Optional.empty()))
                .isInstanceOf(EndpointRefused.class).hasMessageContaining("modeldeploy.vendors.zstack.endpoint");
        assertThatThrownBy(() -> Fixtures.providers().apiBase(Provider.ZStack, Optional.of("http://zstack.internal:8080")))
                .isInstanceOf(EndpointRefused.class).hasMessageContaining("allows endpoints under: none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.alayanew.com", "https://api.alayanew.com/", "https://API.alayanew.com",
            "https://api.alayanew.com:443", "https://api.alayanew.com/api/serverless-infer/v1",
            "https://api.alayanew.com/api/serverless-infer/v1/"})
    void aHostAloneAndTheFullDocumentedBaseBothReachTheDocumentedBase(String endpoint) throws EndpointRefused {
        assertThat(providers.apiBase(Provider.AlayaNeW, Optional.of(endpoint)))
                .isEqualTo(URI.create("https://api.alayanew.com/api/serverless-infer/v1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.alayanew.com.evil.example", "https://api.alayanew.com@evil.example",
            "https://api.alayanew.com:8443", "http://api.alayanew.com", "https://api.alayanew.com/api/serverless-infer/v10",
            "https://api.alayanew.com/api/other", "https://evil.example/api/serverless-infer/v1",
            "http://169.254.169.254/latest/meta-data", "http://127.0.0.1:18931"})
    void anEndpointOutsideTheAllowedPrefixesIsRefusedNamingThem(String endpoint) {
        assertThatThrownBy(() -> providers.apiBase(Provider.AlayaNeW, Optional.of(endpoint)))
                .isInstanceOf(EndpointRefused.class)
                .satisfies(e -> assertThat(e.getMessage()).satisfiesAnyOf(
                        m -> assertThat(m).contains("https://api.alayanew.com/api/serverless-infer/v1")
                                .contains("modeldeploy.vendors.alayanew.allowed-endpoints"),
                        m -> assertThat(m).contains("userinfo")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.alayanew.com/api/serverless-infer/v1?", "https://api.alayanew.com/api/serverless-infer/v1?x=1",
            "https://api.alayanew.com/api/serverless-infer/v1#", "https://user:pw@api.alayanew.com",
            "api.alayanew.com", "http://[x", "ftp://api.alayanew.com", "https://api.alayanew.com/api/serverless-infer/v1/../../x",
            "https://api.alayanew.com/api/serverless-infer/v1/%2e%2e", "https://api.alayanew.com//api", "file:///etc/passwd",
            "https:api.alayanew.com", "https://api_alayanew.com"})
    void whatCouldSendTheRequestElsewhereIsRefused(String endpoint) {
        assertThatThrownBy(() -> providers.apiBase(Provider.AlayaNeW, Optional.of(endpoint)))
                .isInstanceOf(EndpointRefused.class);
    }

    @Test
    void aPasswordInTheEndpointIsNeverRepeated() {
        assertThatThrownBy(() -> providers.apiBase(Provider.AlayaNeW, Optional.of("https://user:hunter2secret@api.alayanew.com")))
                .isInstanceOf(EndpointRefused.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2secret"));
    }

    @Test
    void httpOnlyWhereThatExactHttpPrefixIsAllowed() throws EndpointRefused {
        Providers local = allowing("drun", "http://127.0.0.1:*", "https://api.d.run");
        assertThat(local.apiBase(Provider.DRun, Optional.of("http://127.0.0.1:18931")))
                .isEqualTo(URI.create("http://127.0.0.1:18931/apis/hydra.io/v1alpha1/model-serving"));
        assertThat(local.apiBase(Provider.DRun, Optional.of("https://api.d.run"))).hasHost("api.d.run");
        assertThatThrownBy(() -> local.apiBase(Provider.DRun, Optional.of("https://127.0.0.1:18931")))
                .isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> local.apiBase(Provider.DRun, Optional.of("http://127.0.0.2:18931")))
                .isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> local.apiBase(Provider.DRun, Optional.of("http://api.d.run")))
                .isInstanceOf(EndpointRefused.class).hasMessageContaining("http://127.0.0.1:*, https://api.d.run");
    }

    @Test
    void aPrefixWithAPathAllowsOnlyWholeSegmentsUnderIt() throws EndpointRefused {
        Providers gateway = allowing("qianfan", "https://gw.example.com:8443/qianfan");
        assertThat(gateway.apiBase(Provider.Qianfan, Optional.of("https://gw.example.com:8443/qianfan/v2/service")))
                .hasPath("/qianfan/v2/service");
        assertThatThrownBy(() -> gateway.apiBase(Provider.Qianfan, Optional.of("https://gw.example.com:8443/qianfan-evil")))
                .isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> gateway.apiBase(Provider.Qianfan, Optional.of("https://gw.example.com:8443")))
                .as("the host alone gets /v2/service, which is not under /qianfan").isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> gateway.apiBase(Provider.Qianfan, Optional.of("https://gw.example.com/qianfan")))
                .as("another port").isInstanceOf(EndpointRefused.class);
    }

    @Test
    void aConfiguredPrefixThatIsNotAPlainUrlStopsTheOperatorWithTheKey() {
        assertThatThrownBy(() -> allowing("alayanew", "https://x.example?"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https://x.example?");
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
