package io.modeldeploy.operator.autoscale;

import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.engine.Engines;
import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engines' queue gauges read from expositions shaped as vLLM and SGLang write them. */
class PrometheusGaugesTest {
    /** vLLM V1 (two engine cores: one series each) with a lookalike counter and a label value holding a brace. */
    private static final String VLLM = """
            # HELP vllm:num_requests_running Number of requests in model execution batches.
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{engine="0",model_name="qwen-chat"} 3.0
            vllm:num_requests_running{engine="1",model_name="qwen-chat"} 5.0
            # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
            # TYPE vllm:num_requests_waiting gauge
            vllm:num_requests_waiting{engine="0",model_name="we}ird \\"name\\""} 7.0
            vllm:num_requests_waiting_total{model_name="qwen-chat"} 99.0
            vllm:num_requests_waiting_by_reason{reason="capacity"} 40
            """;

    private static final String SGLANG = """
            # HELP sglang:num_running_reqs The number of running requests.
            # TYPE sglang:num_running_reqs gauge
            sglang:num_running_reqs{model_name="llama"} 2.0
            sglang:num_queue_reqs{model_name="llama"} 1.0 1733000000000
            """;

    @Test
    void aGaugeIsSummedOverItsLabelSetsAndNothingElse() {
        assertThat(PrometheusGauges.sum(VLLM, "vllm:num_requests_running")).isEqualTo(OptionalDouble.of(8));
        assertThat(PrometheusGauges.sum(VLLM, "vllm:num_requests_waiting")).isEqualTo(OptionalDouble.of(7));
    }

    @Test
    void samplesWithoutLabelsAndWithTimestampsAreRead() {
        assertThat(PrometheusGauges.sum("up 1\n", "up")).isEqualTo(OptionalDouble.of(1));
        assertThat(PrometheusGauges.sum(SGLANG, "sglang:num_queue_reqs")).isEqualTo(OptionalDouble.of(1));
    }

    @Test
    void aMissingGaugeIsEmptyNotZero() {
        assertThat(PrometheusGauges.sum(VLLM, "sglang:num_queue_reqs")).isEmpty();
    }

    @Test
    void eachEnginesPlugInNamesItsOwnGauges() {
        assertThat(HttpEngineQueues.queue("pod-a", Engines.of(Backend.VLLM).queueMetrics(), VLLM))
                .isEqualTo(new EngineQueue(8, 7));
        assertThat(HttpEngineQueues.queue("pod-b", Engines.of(Backend.SGLANG).queueMetrics(), SGLANG))
                .isEqualTo(new EngineQueue(2, 1));
    }

    @Test
    void anExpositionWithNeitherGaugeIsNoAnswer() {
        assertThatThrownBy(() -> HttpEngineQueues.queue("pod-b", Engines.of(Backend.SGLANG).queueMetrics(), VLLM))
                .isInstanceOf(LoadUnavailable.class).hasMessageContaining("pod-b /metrics has neither sglang:num_running_reqs");
    }
}
