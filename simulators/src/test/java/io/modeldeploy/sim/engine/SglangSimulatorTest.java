package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.modeldeploy.sim.engine.EngineTestSupport.get;
import static io.modeldeploy.sim.engine.EngineTestSupport.json;
import static io.modeldeploy.sim.engine.EngineTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

class SglangSimulatorTest {
    private static final String BASE = "org/base-model";

    private final List<EngineSimulator> engines = new ArrayList<>();

    @AfterEach
    void stopEngines() {
        engines.forEach(EngineSimulator::close);
    }

    private EngineSimulator sglang(String... flags) {
        EngineSimulator engine = EngineTestSupport.sglang(flags);
        engines.add(engine);
        assertThat(engine.isServing()).isTrue();
        return engine;
    }

    private static String chat(String model, String text, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]" + extra + "}";
    }

    @Test
    void apiKeyGuardsEveryPathButHealthAndMetrics() {
        EngineSimulator engine = sglang("--api-key", "sk-2", "--enable-metrics", "--enable-lora");

        assertThat(get(engine, "/health").statusCode()).isEqualTo(200);
        assertThat(get(engine, "/health_generate").statusCode()).isEqualTo(200);
        assertThat(get(engine, "/metrics").statusCode()).isEqualTo(200);
        for (String guarded : List.of("/v1/models", "/get_model_info", "/get_server_info")) {
            assertThat(get(engine, guarded).statusCode()).as(guarded).isEqualTo(401);
            assertThat(get(engine, guarded, "nope").statusCode()).as(guarded).isEqualTo(401);
            assertThat(get(engine, guarded, "sk-2").statusCode()).as(guarded).isEqualTo(200);
        }
        HttpResponse<String> load = post(engine, "/load_lora_adapter", "{\"lora_name\":\"a\",\"lora_path\":\"/a\"}");
        assertThat(load.statusCode()).isEqualTo(401);
        assertThat(json(load).path("error").asText()).isEqualTo("Unauthorized");
        assertThat(post(engine, "/load_lora_adapter", "{\"lora_name\":\"a\",\"lora_path\":\"/a\"}", "sk-2").statusCode()).isEqualTo(200);
    }

    @Test
    void servesMetricsOnlyWhenEnabled() {
        EngineSimulator quiet = sglang();
        assertThat(get(quiet, "/metrics").statusCode()).isEqualTo(404);

        EngineSimulator engine = sglang("--enable-metrics", "--served-model-name", "qwen");
        assertThat(get(engine, "/metrics").body()).contains(
                "sglang:num_running_reqs{model_name=\"qwen\"} 0.0",
                "sglang:num_queue_reqs{model_name=\"qwen\"} 0.0",
                "sglang:token_usage{model_name=\"qwen\"}",
                "sglang:gen_throughput{model_name=\"qwen\"}",
                "sglang:e2e_request_latency_seconds_count{model_name=\"qwen\"} 0.0");

        post(engine, "/v1/completions", "{\"model\":\"qwen\",\"prompt\":\"a b c\"}");

        assertThat(get(engine, "/metrics").body()).contains(
                "sglang:prompt_tokens_total{model_name=\"qwen\"} 3.0",
                "sglang:generation_tokens_total{model_name=\"qwen\"} 5.0",
                "sglang:time_to_first_token_seconds_count{model_name=\"qwen\"} 1.0",
                "sglang:e2e_request_latency_seconds_count{model_name=\"qwen\"} 1.0");
    }

    @Test
    void loadsAdaptersWithoutTheV1Prefix() {
        EngineSimulator engine = sglang("--enable-lora");

        assertThat(post(engine, "/v1/load_lora_adapter", "{\"lora_name\":\"a\",\"lora_path\":\"/a\"}").statusCode()).isEqualTo(404);

        HttpResponse<String> loaded = post(engine, "/load_lora_adapter", "{\"lora_name\":\"sql\",\"lora_path\":\"/a/sql\"}");
        assertThat(loaded.statusCode()).isEqualTo(200);
        assertThat(json(loaded).path("success").asBoolean()).isTrue();
        assertThat(json(loaded).path("loaded_adapters").path("sql").asText()).isEqualTo("/a/sql");

        HttpResponse<String> again = post(engine, "/load_lora_adapter", "{\"lora_name\":\"sql\",\"lora_path\":\"/a/sql\"}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(json(again).path("success").asBoolean()).isFalse();
        assertThat(json(again).path("error_message").asText()).contains("already loaded");

        JsonNode models = json(get(engine, "/v1/models")).path("data");
        assertThat(models).hasSize(2);
        assertThat(models.get(1).path("id").asText()).isEqualTo("sql");
        assertThat(models.get(1).path("parent").asText()).isEqualTo(BASE);
        assertThat(models.get(1).path("owned_by").asText()).isEqualTo("sglang");

        HttpResponse<String> unloaded = post(engine, "/unload_lora_adapter", "{\"lora_name\":\"sql\"}");
        assertThat(unloaded.statusCode()).isEqualTo(200);
        assertThat(json(unloaded).path("loaded_adapters")).isEmpty();

        HttpResponse<String> unknown = post(engine, "/unload_lora_adapter", "{\"lora_name\":\"sql\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("success").asBoolean()).isFalse();
    }

    @Test
    void enforcesTheLoadedAdapterLimit() {
        EngineSimulator engine = sglang("--lora-paths", "a=/a", "--max-loras-per-batch", "1", "--max-loaded-loras", "2");

        assertThat(post(engine, "/load_lora_adapter", "{\"lora_name\":\"b\",\"lora_path\":\"/b\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> third = post(engine, "/load_lora_adapter", "{\"lora_name\":\"c\",\"lora_path\":\"/c\"}");

        assertThat(third.statusCode()).isEqualTo(400);
        assertThat(json(third).path("error_message").asText()).contains("Maximum number of loaded LoRA adapters is 2");
        assertThat(engine.loadedAdapters()).containsExactly("a", "b");
    }

    @Test
    void refusesAdaptersWhenLoraIsNotEnabledAndReportsInjectedFailures() {
        EngineSimulator plain = sglang();
        HttpResponse<String> refused = post(plain, "/load_lora_adapter", "{\"lora_name\":\"a\",\"lora_path\":\"/a\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).path("error_message").asText()).contains("LoRA is not enabled");

        EngineSimulator engine = sglang("--enable-lora");
        engine.failAdapterLoads("a", "adapter_config.json not found in /a");
        HttpResponse<String> failed = post(engine, "/load_lora_adapter", "{\"lora_name\":\"a\",\"lora_path\":\"/a\"}");
        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(json(failed).path("error_message").asText()).isEqualTo("adapter_config.json not found in /a");
    }

    @Test
    void selectsAdaptersByBaseColonAdapterOrLoraPath() {
        EngineSimulator engine = sglang("--lora-paths", "sql=/a/sql");

        JsonNode byModel = json(post(engine, "/v1/chat/completions", chat(BASE + ":sql", "pick me", "")));
        assertThat(byModel.path("model").asText()).isEqualTo(BASE + ":sql");
        assertThat(byModel.path("choices").get(0).path("message").path("content").asText()).isEqualTo("[simulated sql] pick me");

        JsonNode byField = json(post(engine, "/v1/chat/completions", chat(BASE, "field", ",\"lora_path\":\"sql\"")));
        assertThat(byField.path("choices").get(0).path("message").path("content").asText()).isEqualTo("[simulated sql] field");

        JsonNode base = json(post(engine, "/v1/chat/completions", chat(BASE, "plain", "")));
        assertThat(base.path("choices").get(0).path("message").path("content").asText()).isEqualTo("[simulated org/base-model] plain");

        HttpResponse<String> notLoaded = post(engine, "/v1/chat/completions", chat(BASE + ":chat", "x", ""));
        assertThat(notLoaded.statusCode()).isEqualTo(400);
        assertThat(json(notLoaded).path("message").asText()).contains("not loaded");

        HttpResponse<String> unknown = post(engine, "/v1/chat/completions", chat("sql", "x", ""));
        assertThat(unknown.statusCode()).as("SGLang does not take a bare adapter name as the model").isEqualTo(400);
        assertThat(json(unknown).path("message").asText()).isEqualTo("The model `sql` does not exist.");
        assertThat(json(unknown).path("object").asText()).isEqualTo("error");
    }

    @Test
    void streamsCompletions() {
        EngineSimulator engine = sglang();

        HttpResponse<String> response = post(engine, "/v1/completions",
                "{\"model\":\"" + BASE + "\",\"prompt\":\"x y\",\"stream\":true,\"max_tokens\":3}");

        List<String> events = SseEvents.of(response.body());
        assertThat(events).last().isEqualTo("[DONE]");
        List<JsonNode> chunks = SseEvents.json(events.subList(0, events.size() - 1));
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.path("choices").get(0).path("text").asText()));
        assertThat(text.toString()).isEqualTo("[simulated org/base-model] x");
        assertThat(chunks.get(chunks.size() - 1).path("choices").get(0).path("finish_reason").asText()).isEqualTo("length");
        assertThat(chunks).noneMatch(c -> c.has("usage"));
    }

    @Test
    void describesTheModelAndServer() {
        EngineSimulator engine = sglang("--served-model-name", "qwen", "--tp-size", "2", "--lora-paths", "sql=/a/sql");

        JsonNode modelInfo = json(get(engine, "/get_model_info"));
        assertThat(modelInfo.path("model_path").asText()).isEqualTo(BASE);
        assertThat(modelInfo.path("tokenizer_path").asText()).isEqualTo(BASE);
        assertThat(modelInfo.path("is_generation").asBoolean()).isTrue();

        JsonNode serverInfo = json(get(engine, "/get_server_info"));
        assertThat(serverInfo.path("model_path").asText()).isEqualTo(BASE);
        assertThat(serverInfo.path("served_model_name").asText()).isEqualTo("qwen");
        assertThat(serverInfo.path("port").asInt()).isEqualTo(engine.address().getPort());
        assertThat(serverInfo.path("tp_size").asInt()).isEqualTo(2);
        assertThat(serverInfo.path("enable_lora").asBoolean()).isTrue();
        assertThat(serverInfo.path("lora_paths").path("sql").asText()).isEqualTo("/a/sql");
        assertThat(serverInfo.path("version").asText()).isEqualTo("0.5.2");
    }

    @Test
    void aWedgedEngineFailsBothHealthChecks() {
        EngineSimulator engine = sglang();
        engine.setHealthy(false);

        assertThat(get(engine, "/health").statusCode()).isEqualTo(503);
        assertThat(get(engine, "/health_generate").statusCode()).isEqualTo(503);
        assertThat(get(engine, "/get_model_info").statusCode()).isEqualTo(200);
    }

    @Test
    void aLoadedLimitBelowTheBatchSizeStopsTheEngine() {
        EngineSimulator engine = EngineTestSupport.sglang("--enable-lora", "--max-loaded-loras", "2");
        engines.add(engine);

        assertThat(engine.isServing()).isFalse();
        assertThat(engine.startupError()).hasValueSatisfying(e -> assertThat(e).contains("max_loras_per_batch"));
    }
}
