package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.modeldeploy.sim.engine.EngineTestSupport.get;
import static io.modeldeploy.sim.engine.EngineTestSupport.json;
import static io.modeldeploy.sim.engine.EngineTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

class VllmSimulatorTest {
    private static final Map<String, String> RUNTIME_LORA = Map.of("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True");
    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
            + "{\"role\":\"user\",\"content\":\"%s\"}]%s}";

    private final List<EngineSimulator> engines = new ArrayList<>();

    @AfterEach
    void stopEngines() {
        engines.forEach(EngineSimulator::close);
    }

    private EngineSimulator vllm(Map<String, String> env, String... flags) {
        EngineSimulator engine = EngineTestSupport.vllm(env, flags);
        engines.add(engine);
        assertThat(engine.isServing()).isTrue();
        return engine;
    }

    @Test
    void apiKeyGuardsOnlyV1Paths() {
        EngineSimulator engine = vllm(Map.of("VLLM_API_KEY", "sk-1"));

        for (String open : List.of("/health", "/metrics", "/ping", "/version")) {
            assertThat(get(engine, open).statusCode()).as(open).isEqualTo(200);
        }
        HttpResponse<String> missing = get(engine, "/v1/models");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).path("error").asText()).isEqualTo("Unauthorized");
        assertThat(get(engine, "/v1/models", "wrong").statusCode()).isEqualTo(401);
        assertThat(get(engine, "/v1/models", "sk-1").statusCode()).isEqualTo(200);
        assertThat(get(engine, "/v1/no-such-path").statusCode()).as("the key check runs before routing").isEqualTo(401);
        assertThat(get(engine, "/v1/no-such-path", "sk-1").statusCode()).isEqualTo(404);
        assertThat(json(get(engine, "/version")).path("version").asText()).isEqualTo("0.9.1");
    }

    @Test
    void countsEveryRequestThatReachesItWhateverItsKey() {
        EngineSimulator engine = vllm(Map.of("VLLM_API_KEY", "sk-1"));
        String chat = String.format(CHAT, "org/base-model", "hi", "");

        post(engine, "/v1/chat/completions", chat);
        post(engine, "/v1/chat/completions", chat, "wrong");
        post(engine, "/v1/chat/completions", chat, "sk-1");

        assertThat(engine.requestsReceived("/v1/chat/completions")).isEqualTo(3);
        assertThat(engine.requestsReceived("/v1/completions")).isZero();
    }

    @Test
    void pacedStreamsWaitBetweenEvents() {
        EngineSimulator engine = vllm(Map.of());
        engine.paceStreams(java.time.Duration.ofMillis(30));
        long start = System.nanoTime();

        HttpResponse<String> streamed = post(engine, "/v1/chat/completions",
                String.format(CHAT, "org/base-model", "tell me more", ",\"stream\":true"));

        assertThat(streamed.statusCode()).isEqualTo(200);
        long pieces = streamed.body().lines().filter(l -> l.contains("\"content\"")).count();
        // Each content piece waited its gap: the whole answer took at least that long (a lower bound, never an upper).
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                .isGreaterThanOrEqualTo(java.time.Duration.ofMillis(30 * (pieces - 1)));
    }

    @Test
    void listsServedNamesAndAdaptersWithTheirParent() {
        EngineSimulator engine = vllm(Map.of(), "--served-model-name", "base", "alias", "--enable-lora",
                "--lora-modules", "sql=/adapters/sql", "--max-model-len", "2048");

        JsonNode models = json(get(engine, "/v1/models"));

        assertThat(models.path("object").asText()).isEqualTo("list");
        JsonNode data = models.path("data");
        assertThat(data).hasSize(3);
        assertThat(data.get(0).path("id").asText()).isEqualTo("base");
        assertThat(data.get(0).path("root").asText()).isEqualTo("org/base-model");
        assertThat(data.get(0).path("parent").isNull()).isTrue();
        assertThat(data.get(0).path("owned_by").asText()).isEqualTo("vllm");
        assertThat(data.get(0).path("max_model_len").asInt()).isEqualTo(2048);
        assertThat(data.get(1).path("id").asText()).isEqualTo("alias");
        assertThat(data.get(2).path("id").asText()).isEqualTo("sql");
        assertThat(data.get(2).path("root").asText()).isEqualTo("/adapters/sql");
        assertThat(data.get(2).path("parent").asText()).isEqualTo("base");
    }

    @Test
    void runtimeLoraRoutesAreMissingWithoutTheEnvSwitch() {
        EngineSimulator engine = vllm(Map.of(), "--enable-lora");

        HttpResponse<String> load = post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"a\",\"lora_path\":\"/a\"}");
        assertThat(load.statusCode()).isEqualTo(404);
        assertThat(post(engine, "/v1/unload_lora_adapter", "{\"lora_name\":\"a\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void loadsAndUnloadsAdaptersAtRunTime() {
        EngineSimulator engine = vllm(RUNTIME_LORA, "--enable-lora");

        HttpResponse<String> loaded = post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"sql\",\"lora_path\":\"/a/sql\"}");
        assertThat(loaded.statusCode()).isEqualTo(200);
        assertThat(loaded.body()).isEqualTo("Success: LoRA adapter 'sql' added successfully.");
        assertThat(engine.loadedAdapters()).containsExactly("sql");
        assertThat(json(get(engine, "/v1/models")).path("data").get(1).path("parent").asText()).isEqualTo("org/base-model");

        HttpResponse<String> again = post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"sql\",\"lora_path\":\"/a/sql\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).path("message").asText()).isEqualTo("The lora adapter 'sql' has already been loaded.");
        assertThat(json(again).path("type").asText()).isEqualTo("InvalidUserInput");
        assertThat(json(again).path("object").asText()).isEqualTo("error");
        assertThat(json(again).path("code").asInt()).isEqualTo(400);

        HttpResponse<String> removed = post(engine, "/v1/unload_lora_adapter", "{\"lora_name\":\"sql\"}");
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body()).isEqualTo("Success: LoRA adapter 'sql' removed successfully.");
        assertThat(engine.loadedAdapters()).isEmpty();

        HttpResponse<String> unknown = post(engine, "/v1/unload_lora_adapter", "{\"lora_name\":\"sql\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("message").asText()).isEqualTo("The lora adapter 'sql' cannot be found.");
        assertThat(json(unknown).path("type").asText()).isEqualTo("NotFoundError");

        assertThat(post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(post(engine, "/v1/load_lora_adapter", "{not json").statusCode()).isEqualTo(400);
    }

    @Test
    void refusesAdaptersWhenLoraIsNotEnabled() {
        EngineSimulator engine = vllm(RUNTIME_LORA);

        HttpResponse<String> load = post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"a\",\"lora_path\":\"/a\"}");

        assertThat(load.statusCode()).isEqualTo(400);
        assertThat(json(load).path("message").asText()).contains("LoRA is not enabled");
    }

    @Test
    void reportsInjectedLoadFailures() {
        EngineSimulator engine = vllm(RUNTIME_LORA, "--enable-lora", "--api-key", "k");
        engine.failAdapterLoads("big", "LoRA rank 64 is greater than max_lora_rank 16.");

        HttpResponse<String> failed = post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"big\",\"lora_path\":\"/a/big\"}", "k");
        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(json(failed).path("message").asText()).isEqualTo("LoRA rank 64 is greater than max_lora_rank 16.");
        assertThat(engine.loadedAdapters()).isEmpty();

        engine.failAdapterLoads("big", "No adapter found for /a/big");
        assertThat(post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"big\",\"lora_path\":\"/a/big\"}", "k").statusCode())
                .as("vLLM answers a missing adapter with 404").isEqualTo(404);

        engine.failAdapterLoads("big", null);
        assertThat(post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"big\",\"lora_path\":\"/a/big\"}", "k").statusCode())
                .isEqualTo(200);
        assertThat(post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"big\",\"lora_path\":\"/a/big\"}").statusCode())
                .as("the LoRA routes are under /v1, so they need the key").isEqualTo(401);
    }

    @Test
    void answersChatCompletionsDeterministically() {
        EngineSimulator engine = vllm(Map.of());

        HttpResponse<String> response = post(engine, "/v1/chat/completions",
                String.format(CHAT, "org/base-model", "hello there engine", ""));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("model").asText()).isEqualTo("org/base-model");
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").asText()).isEqualTo("[simulated org/base-model] hello there engine");
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(5);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(5);
        assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(10);

        JsonNode cut = json(post(engine, "/v1/chat/completions", String.format(CHAT, "org/base-model", "one two three", ",\"max_tokens\":3")));
        assertThat(cut.path("choices").get(0).path("message").path("content").asText()).isEqualTo("[simulated org/base-model] one");
        assertThat(cut.path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void answersTextCompletions() {
        EngineSimulator engine = vllm(Map.of());

        JsonNode body = json(post(engine, "/v1/completions", "{\"model\":\"org/base-model\",\"prompt\":\"once upon a time\"}"));

        assertThat(body.path("object").asText()).isEqualTo("text_completion");
        assertThat(body.path("id").asText()).startsWith("cmpl-");
        assertThat(body.path("choices").get(0).path("text").asText()).isEqualTo("[simulated org/base-model] once upon a time");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void answersEmbeddingsOneVectorPerInputTheSameForTheSameText() {
        EngineSimulator engine = vllm(Map.of());

        JsonNode body = json(post(engine, "/v1/embeddings",
                "{\"model\":\"org/base-model\",\"input\":[\"one two\",\"three\",\"one two\"]}"));

        assertThat(body.path("object").asText()).isEqualTo("list");
        assertThat(body.path("data")).hasSize(3);
        assertThat(body.path("data").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(body.path("data").get(0).path("embedding")).hasSize(OpenAiRoutes.EMBEDDING_DIMENSIONS)
                .isEqualTo(body.path("data").get(2).path("embedding")).isNotEqualTo(body.path("data").get(1).path("embedding"));
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(5);
        assertThat(post(engine, "/v1/embeddings", "{\"model\":\"org/base-model\",\"input\":[1]}").statusCode())
                .isEqualTo(400);
        assertThat(engine.requestsReceived("/v1/embeddings")).isEqualTo(2);
    }

    @Test
    void streamsChatCompletionsAsServerSentEvents() {
        EngineSimulator engine = vllm(Map.of());

        HttpResponse<String> response = post(engine, "/v1/chat/completions", String.format(CHAT, "org/base-model",
                "stream me", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<String> events = SseEvents.of(response.body());
        assertThat(events).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = SseEvents.json(events.subList(0, events.size() - 1));
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
        assertThat(chunks.get(0).path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");

        StringBuilder content = new StringBuilder();
        chunks.forEach(c -> c.path("choices").forEach(ch -> content.append(ch.path("delta").path("content").asText(""))));
        assertThat(content.toString()).isEqualTo("[simulated org/base-model] stream me");

        JsonNode last = chunks.get(chunks.size() - 2);
        assertThat(last.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertThat(usage.path("choices")).isEmpty();
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(4);
    }

    @Test
    void selectsAnAdapterByItsName() {
        EngineSimulator engine = vllm(Map.of(), "--enable-lora", "--lora-modules", "sql=/a/sql");

        JsonNode body = json(post(engine, "/v1/chat/completions", String.format(CHAT, "sql", "select", "")));
        assertThat(body.path("model").asText()).isEqualTo("sql");
        assertThat(body.path("choices").get(0).path("message").path("content").asText()).isEqualTo("[simulated sql] select");

        HttpResponse<String> unknown = post(engine, "/v1/chat/completions", String.format(CHAT, "chat", "hi", ""));
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = json(unknown);
        assertThat(error.path("object").asText()).isEqualTo("error");
        assertThat(error.path("message").asText()).isEqualTo("The model `chat` does not exist.");
        assertThat(error.path("type").asText()).isEqualTo("NotFoundError");
        assertThat(error.path("param").isNull()).isTrue();
        assertThat(error.path("code").asInt()).isEqualTo(404);
    }

    @Test
    void refusesMalformedAndOversizedRequests() {
        EngineSimulator engine = vllm(Map.of(), "--max-model-len", "8");

        HttpResponse<String> malformed = post(engine, "/v1/chat/completions", "{\"model\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).path("object").asText()).isEqualTo("error");
        assertThat(post(engine, "/v1/chat/completions", "{\"model\":\"org/base-model\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> tooLong = post(engine, "/v1/chat/completions", String.format(CHAT, "org/base-model", "hi", ""));
        assertThat(tooLong.statusCode()).as("16 default max tokens exceed --max-model-len 8").isEqualTo(400);
        assertThat(json(tooLong).path("message").asText()).contains("maximum context length is 8 tokens");
        assertThat(get(engine, "/v1/chat/completions").statusCode()).isEqualTo(405);
    }

    @Test
    void exposesMetricsThatCountServedRequests() {
        EngineSimulator engine = vllm(Map.of(), "--served-model-name", "base");

        String before = get(engine, "/metrics").body();
        assertThat(before).contains(
                "vllm:num_requests_running{model_name=\"base\"} 0.0",
                "vllm:num_requests_waiting{model_name=\"base\"}",
                "vllm:kv_cache_usage_perc{model_name=\"base\"}",
                "vllm:prompt_tokens_total{model_name=\"base\"} 0.0",
                "vllm:generation_tokens_total{model_name=\"base\"} 0.0",
                "vllm:time_to_first_token_seconds_bucket{model_name=\"base\",le=\"+Inf\"} 0.0",
                "vllm:e2e_request_latency_seconds_count{model_name=\"base\"} 0.0",
                "# TYPE vllm:e2e_request_latency_seconds histogram",
                "vllm:lora_requests_info{");

        post(engine, "/v1/chat/completions", String.format(CHAT, "base", "count these words", ""));
        // As in a real engine, a request is counted once its answer is out: a scrape may come just before.
        Await.until("the request counted", java.time.Duration.ofSeconds(10), () -> get(engine, "/metrics").body()
                .contains("vllm:e2e_request_latency_seconds_count{model_name=\"base\"} 1.0"));
        HttpResponse<String> after = get(engine, "/metrics");

        assertThat(after.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("version=0.0.4"));
        assertThat(after.body()).contains(
                "vllm:prompt_tokens_total{model_name=\"base\"} 5.0",
                "vllm:generation_tokens_total{model_name=\"base\"} 5.0",
                "vllm:request_success_total{model_name=\"base\",finished_reason=\"stop\"} 1.0",
                "vllm:time_to_first_token_seconds_count{model_name=\"base\"} 1.0",
                "vllm:e2e_request_latency_seconds_bucket{model_name=\"base\",le=\"+Inf\"} 1.0");
    }

    /** A hung engine: its health check does not answer within a probe's second, and answers once it is unhung. */
    @Test
    void aHungEngineLeavesItsHealthCheckUnansweredUntilItRecovers() throws Exception {
        EngineSimulator engine = vllm(Map.of());
        engine.setHealthHangs(true);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest probe = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(EngineTestSupport.uri(engine, "/health"))).timeout(java.time.Duration.ofSeconds(1)).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.send(probe, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
        var waiting = http.sendAsync(probe.newBuilder(probe, (n, v) -> true).timeout(java.time.Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.discarding());
        engine.setHealthHangs(false);

        assertThat(waiting.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aWedgedEngineFailsItsHealthChecks() {
        EngineSimulator engine = vllm(Map.of());
        engine.setHealthy(false);

        assertThat(get(engine, "/health").statusCode()).isEqualTo(503);
        assertThat(get(engine, "/ping").statusCode()).isEqualTo(503);

        engine.setHealthy(true);
        assertThat(get(engine, "/health").statusCode()).isEqualTo(200);
        assertThat(get(engine, "/health").body()).isEmpty();
    }

    @Test
    void startupAdaptersWithoutEnableLoraStopTheEngine() {
        EngineSimulator engine = EngineTestSupport.vllm(Map.of(), "--lora-modules", "sql=/a/sql");
        engines.add(engine);

        assertThat(engine.isServing()).isFalse();
        assertThat(engine.startupError()).hasValueSatisfying(e -> assertThat(e).contains("LoRA is not enabled"));
    }
}
