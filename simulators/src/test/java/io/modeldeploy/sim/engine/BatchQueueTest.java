package io.modeldeploy.sim.engine;

import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.modeldeploy.sim.engine.EngineTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slowed answers hold their batch slot; requests above vLLM's {@code --max-num-seqs} or SGLang's
 * {@code --max-running-requests} wait, and each engine's own queue gauges say so under its real names.
 */
class BatchQueueTest {
    private final List<EngineSimulator> engines = new ArrayList<>();

    @AfterEach
    void close() {
        engines.forEach(EngineSimulator::close);
    }

    private static double gauge(EngineSimulator engine, String metric) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{[^}]*} (\\S+)$").matcher(get(engine, "/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static List<CompletableFuture<HttpResponse<String>>> send(EngineSimulator engine, String model, int n,
                                                                       boolean stream) {
        List<CompletableFuture<HttpResponse<String>>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
            out.add(CompletableFuture.supplyAsync(() -> EngineTestSupport.post(engine, "/v1/chat/completions", body, null)));
        }
        return out;
    }

    private void queuesAboveTheLimit(EngineSimulator engine, String model, String running, String waiting, boolean stream)
            throws Exception {
        engines.add(engine);
        engine.slowAnswers(Duration.ofMinutes(5));

        List<CompletableFuture<HttpResponse<String>>> replies = send(engine, model, 5, stream);

        Await.until("2 running and 3 waiting on " + model, Duration.ofSeconds(20),
                () -> gauge(engine, running) == 2 && gauge(engine, waiting) == 3);
        assertThat(engine.waitingRequests()).isEqualTo(3);
        assertThat(replies).noneMatch(CompletableFuture::isDone);

        if (!stream) {
            engine.slowAnswers(Duration.ZERO); // releases the answers waiting on the old pace
            for (CompletableFuture<HttpResponse<String>> reply : replies) {
                assertThat(reply.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            Await.until("the queue drained", Duration.ofSeconds(10),
                    () -> gauge(engine, running) == 0 && gauge(engine, waiting) == 0);
        }
    }

    @Test
    void vllmQueuesAboveMaxNumSeqs() throws Exception {
        queuesAboveTheLimit(EngineTestSupport.vllm(Map.of(), "--max-num-seqs", "2"), "org/base-model",
                "vllm:num_requests_running", "vllm:num_requests_waiting", false);
    }

    @Test
    void sglangQueuesAboveMaxRunningRequests() throws Exception {
        queuesAboveTheLimit(EngineTestSupport.sglang("--max-running-requests", "2", "--enable-metrics"), "org/base-model",
                "sglang:num_running_reqs", "sglang:num_queue_reqs", false);
    }

    @Test
    void slowedStreamsHoldTheirSlotsToo() throws Exception {
        queuesAboveTheLimit(EngineTestSupport.vllm(Map.of(), "--max-num-seqs", "2"), "org/base-model",
                "vllm:num_requests_running", "vllm:num_requests_waiting", true);
    }

    @Test
    void aSlowedAnswerTakesAtLeastItsGenerationTime() {
        EngineSimulator engine = EngineTestSupport.vllm(Map.of());
        engines.add(engine);
        engine.slowAnswers(Duration.ofMillis(300));
        long start = System.nanoTime();

        HttpResponse<String> reply = EngineTestSupport.post(engine, "/v1/chat/completions",
                "{\"model\":\"org/base-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", null);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
