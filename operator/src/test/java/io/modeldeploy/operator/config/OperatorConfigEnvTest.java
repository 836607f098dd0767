package io.modeldeploy.operator.config;

import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.render.RenderSettings;
import io.modeldeploy.operator.validate.SpecLimits;
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

    static OperatorConfig fromEnv(Map<String, String> env) {
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

    /** The chart's env names for the tenancy settings reach the mapping, and the defaults hold without them. */
    @Test
    void networkPolicyPodSecurityAndMultiNodeComeFromTheChartsEnv() {
        OperatorConfig config = fromEnv(Map.of("MODELDEPLOY_NETWORK_POLICY_ENABLED", "false",
                "MODELDEPLOY_NETWORK_POLICY_OPERATOR_NAMESPACE", "modeldeploy-system",
                "MODELDEPLOY_NETWORK_POLICY_OPERATOR_POD_SELECTOR", "app.kubernetes.io/name=modeldeploy-operator",
                "MODELDEPLOY_NETWORK_POLICY_GATEWAY_NAMESPACE", "gateway",
                "MODELDEPLOY_POD_SECURITY_PROFILE", "restricted",
                "MODELDEPLOY_MULTI_NODE_ENABLED", "false"));

        assertThat(config.networkPolicy().enabled()).isFalse();
        assertThat(config.networkPolicy().operatorNamespace()).contains("modeldeploy-system");
        assertThat(config.networkPolicy().operatorPodSelector()).contains("app.kubernetes.io/name=modeldeploy-operator");
        assertThat(config.networkPolicy().gatewayNamespace()).contains("gateway");
        assertThat(config.podSecurity().profile()).isEqualTo("restricted");
        assertThat(config.multiNode().enabled()).isFalse();

        OperatorConfig defaults = fromEnv(Map.of());
        assertThat(defaults.networkPolicy().enabled()).isTrue();
        assertThat(defaults.networkPolicy().operatorNamespace()).isEmpty();
        assertThat(defaults.podSecurity().profile()).isEqualTo("baseline");
        assertThat(defaults.multiNode().enabled()).isTrue();
    }

    @Test
    void theChartsPolicyLimitsReachTheResolversLimits() {
        OperatorConfig config = fromEnv(Map.of("MODELDEPLOY_POLICY_MAX_REPLICAS", "8", "MODELDEPLOY_POLICY_MAX_WORKERS", "4",
                "MODELDEPLOY_POLICY_MAX_GPUS", "2"));

        assertThat(SpecLimits.from(config.policy())).isEqualTo(new SpecLimits(8, 4, 2));
        assertThat(SpecLimits.from(fromEnv(Map.of()).policy())).isEqualTo(SpecLimits.DEFAULT);
    }

    @Test
    void credentialsAreRecheckedEveryFiveMinutesAsDocumentedUnlessConfigured() {
        assertThat(fromEnv(Map.of()).managed().credentialsRecheck()).isEqualTo(Duration.ofMinutes(5));
        assertThat(fromEnv(Map.of("MODELDEPLOY_MANAGED_CREDENTIALS_RECHECK", "3s")).managed().credentialsRecheck())
                .isEqualTo(Duration.ofSeconds(3));
    }
}
