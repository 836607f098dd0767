package io.modeldeploy.operator.config;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-resource reconcile series only when asked for: by default the counters carry no resource's name. */
class ReconcileMetricsProducerTest {

    private static final Map<String, Object> METADATA = Map.of(
            Constants.RESOURCE_GVK_KEY, GroupVersionKind.gvkFor(ModelDeployment.class));

    @Test
    void byDefaultReconcileCountersAreNotPerResource() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        recordReconciles(ReconcileMetricsProducer.reconcileMetrics(registry, perResourceFromEnv(Map.of())));

        Meter success = counter(registry, "operator.sdk.reconciliations.success");
        assertThat(keys(success)).doesNotContain("name", "namespace").contains("kind", "group", "version");
        assertThat(registry.get("operator.sdk.reconciliations.success").counter().count()).isEqualTo(2);
    }

    @Test
    void perResourceCountersNameTheResourceWhenTheSettingIsOn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        recordReconciles(ReconcileMetricsProducer.reconcileMetrics(registry,
                perResourceFromEnv(Map.of("MODELDEPLOY_METRICS_PER_RESOURCE", "true"))));

        Meter success = counter(registry, "operator.sdk.reconciliations.success");
        assertThat(success.getId().getTag("name")).isEqualTo(Fixtures.NAME);
        assertThat(success.getId().getTag("namespace")).isEqualTo(Fixtures.NAMESPACE);
        assertThat(registry.get("operator.sdk.reconciliations.success").tag("name", Fixtures.NAME).counter().count())
                .isEqualTo(2);
    }

    private static boolean perResourceFromEnv(Map<String, String> env) {
        return OperatorConfigEnvTest.fromEnv(env).metrics().perResource();
    }

    private static void recordReconciles(Metrics metrics) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        metrics.finishedReconciliation(md, METADATA);
        metrics.finishedReconciliation(md, METADATA);
    }

    private static Meter counter(SimpleMeterRegistry registry, String name) {
        List<Meter> meters = registry.getMeters().stream().filter(m -> m.getId().getName().equals(name)).toList();
        assertThat(meters).hasSize(1);
        return meters.get(0);
    }

    private static List<String> keys(Meter meter) {
        return meter.getId().getTags().stream().map(Tag::getKey).toList();
    }
}
