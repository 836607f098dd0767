package io.modeldeploy.operator.config;

import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.render.RenderSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The environment names the Helm chart sets reach the keyed parts of the configuration. */
class OperatorConfigEnvTest {

    private static OperatorConfig fromEnv(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(OperatorConfig.class)
                // Quarkus reads "2h"; plain SmallRye needs its converter.
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(env, 300))
                .build();
        return config.getConfigMapping(OperatorConfig.class);
    }

    @Test
    void imageRepositoriesAreKeyedByBackendAndTheRestKeepTheirEnginesImage() {
        OperatorConfig config = fromEnv(Map.of("MODELDEPLOY_IMAGES_REPOSITORY_VLLM", "registry.example/vllm"));

        assertThat(config.images().repository()).containsExactly(Map.entry("vllm", "registry.example/vllm"));
        assertThat(RenderSettings.repositories(config.images().repository()))
                .containsEntry(Backend.VLLM, "registry.example/vllm")
                .containsEntry(Backend.SGLANG, "docker.io/lmsysorg/sglang");
    }

    @Test
    void vendorEndpointsAreKeyedByTheProvidersConfigKey() {
        OperatorConfig config = fromEnv(Map.of("MODELDEPLOY_VENDORS_ZSTACK_ENDPOINT", "http://zstack.internal:8080",
                "MODELDEPLOY_VENDORS_ALAYANEW_ENDPOINT", "https://alaya.example/api"));

        assertThat(config.vendors()).containsOnlyKeys("zstack", "alayanew");
        assertThat(config.vendors().get("zstack").endpoint()).contains("http://zstack.internal:8080");
    }

    @Test
    void allowedEndpointsAreACommaSeparatedListPerVendor() {
        OperatorConfig config = fromEnv(Map.of("MODELDEPLOY_VENDORS_DRUN_ALLOWED_ENDPOINTS",
                "http://127.0.0.1:*,https://api.d.run"));

        assertThat(config.vendors()).containsOnlyKeys("drun");
        assertThat(config.vendors().get("drun").allowedEndpoints()).contains(List.of("http://127.0.0.1:*", "https://api.d.run"));
        assertThat(config.vendors().get("drun").endpoint()).isEmpty();
    }

    @Test
    void withoutEnvNothingIsConfigured() {
        OperatorConfig config = fromEnv(Map.of());

        assertThat(config.images().repository()).isEmpty();
        assertThat(config.vendors()).isEmpty();
        assertThat(config.lora().targetModules()).isEqualTo("all");
    }
}
