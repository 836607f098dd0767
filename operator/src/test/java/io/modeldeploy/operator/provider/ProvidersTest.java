package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.api.v1alpha1.Provider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProvidersTest {
    private final Providers providers = new Providers()
            .withDefaultEndpoint(Provider.ZStack, Optional.of("http://zstack.internal:8080/"))
            .withDefaultEndpoint(Provider.DRun, Optional.of(""));

    @Test
    void theSpecsEndpointWinsOverTheInstallationsDefault() {
        assertThat(providers.endpointFor(Provider.ZStack, "http://other:8080"))
                .contains(URI.create("http://other:8080"));
    }

    @Test
    void theInstallationsDefaultWinsOverTheVendorsPublicEndpoint() {
        assertThat(providers.endpointFor(Provider.ZStack, null)).contains(URI.create("http://zstack.internal:8080"));
        assertThat(providers.endpointFor(Provider.DRun, "")).contains(URI.create("https://api.d.run"));
        assertThat(providers.endpointFor(Provider.AlayaNeW, null))
                .contains(URI.create("https://api.alayanew.com/api/serverless-infer/v1"));
    }

    @Test
    void zstackHasNoPublicEndpoint() {
        assertThat(new Providers().endpointFor(Provider.ZStack, null)).isEmpty();
    }
}
