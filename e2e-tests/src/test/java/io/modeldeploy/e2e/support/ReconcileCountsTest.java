package io.modeldeploy.e2e.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-resource success counter read from real {@code /q/metrics} output of the packaged operator (captured with
 * {@code MODELDEPLOY_METRICS_PER_RESOURCE} true and false, two namespaces with a {@code qwen-chat} each).
 */
class ReconcileCountsTest {

    private static String captured(String file) throws IOException {
        try (InputStream in = ReconcileCountsTest.class.getResourceAsStream("/metrics/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void countsOnlyTheNamedDeploymentInItsNamespace() throws IOException {
        String metrics = captured("operator-per-resource.txt");

        assertThat(ReconcileCounts.successes(metrics, "mtest2", "qwen-chat")).isEqualTo(3);
        assertThat(ReconcileCounts.successes(metrics, "mtest", "qwen-chat")).isEqualTo(2);
        assertThat(ReconcileCounts.successes(metrics, "mtest2", "llama-sglang")).isEqualTo(3);
    }

    @Test
    void aDeploymentNotReconciledYetHasNone() throws IOException {
        assertThat(ReconcileCounts.successes(captured("operator-per-resource.txt"), "mtest", "llama-sglang")).isZero();
        assertThat(ReconcileCounts.successes("", "mtest", "qwen-chat")).as("a fresh process").isZero();
    }

    @Test
    void labelsCountInAnyOrder() {
        String reordered = """
                operator_sdk_reconciliations_success_total{version="v1alpha1",namespace="a",scope="namespace",name="x",kind="ModelDeployment"} 4.0
                operator_sdk_reconciliations_success_total{name="x", namespace="b",} 7
                """;

        assertThat(ReconcileCounts.successes(reordered, "a", "x")).isEqualTo(4);
        assertThat(ReconcileCounts.successes(reordered, "b", "x")).isEqualTo(7);
    }

    @Test
    void withoutPerResourceSeriesItSaysSoInsteadOfCountingZero() throws IOException {
        String metrics = captured("operator-per-controller.txt");

        assertThatThrownBy(() -> ReconcileCounts.successes(metrics, "mtest", "qwen-chat"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("modeldeploy.metrics.per-resource");
    }

    @Test
    void parsesEveryLineOfTheCapturedOutput() throws IOException {
        var samples = MetricsText.parse(captured("operator-per-resource.txt"));

        assertThat(samples).hasSize(36);
        assertThat(samples).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("operator_sdk_controllers_execution_reconcile_seconds_bucket");
            assertThat(s.labels()).containsEntry("le", "+Inf").containsEntry("resource_name", "llama-sglang");
        });
        assertThat(samples).anySatisfy(s -> assertThat(s).isEqualTo(new MetricsText.Sample(
                "http_server_active_connections", Map.of("server_port", "19191"), 1.0)));
    }

    @Test
    void labelValuesAreUnescapedAndSpecialValuesRead() {
        MetricsText.Sample sample = MetricsText.parseLine("m{path=\"a\\\"b\\\\c\\nd\",le=\"+Inf\"} +Inf 1700000000000");

        assertThat(sample.labels()).containsEntry("path", "a\"b\\c\nd").containsEntry("le", "+Inf");
        assertThat(sample.value()).isInfinite();
        assertThat(MetricsText.parseLine("m NaN").value()).isNaN();
        assertThat(MetricsText.parseLine("m{} -1.5e3").value()).isEqualTo(-1500.0);
    }

    @Test
    void malformedLinesAreRefusedWithTheLine() {
        assertThatThrownBy(() -> MetricsText.parseLine("m{a=\"unterminated} 1")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> MetricsText.parseLine("m{a=b} 1")).hasMessageContaining("expected \"");
        assertThatThrownBy(() -> MetricsText.parseLine("m{a=\"1\"}")).hasMessageContaining("no value");
        assertThatThrownBy(() -> MetricsText.parseLine("m{a=\"1\"} one")).hasMessageContaining("not a number: one");
    }
}
