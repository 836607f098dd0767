package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * SGLang's server: the key guards every path but {@code /health*} and {@code /metrics}; run-time LoRA
 * routes have no {@code /v1} prefix and answer {@code {"success", "error_message", "loaded_adapters"}};
 * a request picks an adapter with {@code model: "<base>:<adapter>"} or a {@code lora_path} field.
 */
final class SglangDialect extends Dialect {
    static final String LORA_NOT_ENABLED = "LoRA is not enabled. Please set `--enable-lora` to enable LoRA.";

    SglangDialect(EngineState state) {
        super(state, false);
    }

    @Override
    String ownedBy() {
        return "sglang";
    }

    @Override
    boolean guarded(String path) {
        return !path.startsWith("/health") && !path.startsWith("/metrics");
    }

    @Override
    void addRoutes(Router router) {
        router.add("GET", "/health_generate", this::health)
                .add("GET", "/ping", ex -> HttpIo.empty(ex, 200))
                .add("GET", "/get_model_info", ex -> HttpIo.json(ex, 200, modelInfo()))
                .add("GET", "/get_server_info", ex -> HttpIo.json(ex, 200, serverInfo()))
                .add("POST", "/load_lora_adapter", this::loadAdapter)
                .add("POST", "/unload_lora_adapter", this::unloadAdapter);
    }

    @Override
    ModelTarget resolveModel(JsonNode request) {
        String base = launch.primaryServedName();
        String model = textField(request, "model");
        Optional<String> adapter;
        if (model.isEmpty() || model.equals(base)) {
            // The model field, when it names an adapter, takes precedence over lora_path.
            String loraPath = textField(request, "lora_path");
            adapter = loraPath.isEmpty() ? Optional.empty() : Optional.of(loraPath);
        } else if (model.startsWith(base + ":")) {
            adapter = Optional.of(model.substring(base.length() + 1));
        } else {
            throw ApiError.badRequest("The model `" + model + "` does not exist.");
        }
        if (adapter.isPresent() && !state.adapters().isLoaded(adapter.get())) {
            throw ApiError.badRequest("The following requested LoRA adapters are not loaded: " + adapter.get()
                    + "\nLoaded adapters: " + state.adapters().snapshot().keySet() + ".");
        }
        return new ModelTarget(model.isEmpty() ? base : model, base, adapter);
    }

    /**
     * {@code --max-running-requests}; without it SGLang sizes the batch from the KV-cache memory, which the
     * simulator has none of: it takes 256.
     */
    @Override
    int maxRunning() {
        return flags.intValue(256, "max-running-requests");
    }

    @Override
    int maxModelLen() {
        return flags.intValue(DEFAULT_CONTEXT_LENGTH, "context-length");
    }

    @Override
    Optional<String> launchProblem() {
        if (launch.model().isEmpty()) {
            return Optional.of("launch_server: error: the following arguments are required: --model-path");
        }
        if (launch.enableLora() && launch.maxLoadedLoras() < launch.maxLoras()) {
            return Optional.of("max_loaded_loras (" + launch.maxLoadedLoras()
                    + ") must be greater than or equal to max_loras_per_batch (" + launch.maxLoras() + ")");
        }
        return Optional.empty();
    }

    @Override
    String refusalMessage(LoraRegistry.Refusal refusal, String name, String path) {
        return switch (refusal.reason()) {
            case ALREADY_LOADED -> "Failed to load LoRA adapter " + name + " because it is already loaded";
            case LIMIT_REACHED -> "Cannot load LoRA adapter " + name + " at path " + path
                    + ". Maximum number of loaded LoRA adapters is " + state.adapters().maxLoaded()
                    + ". Please unload some LoRA adapters before loading new ones.";
            case INJECTED_FAILURE -> refusal.injectedMessage();
            case NO_SUCH_PATH -> "Failed to load LoRA adapter " + name + ": Can't find '" + path
                    + "'. It is neither a local directory nor a Hugging Face repository.";
        };
    }

    private void loadAdapter(HttpExchange exchange) throws IOException {
        JsonNode body = HttpIo.readJsonObject(exchange);
        String name = textField(body, "lora_name");
        String path = textField(body, "lora_path");
        if (name.isEmpty() || path.isEmpty()) {
            throw ApiError.badRequest("Field required: 'lora_name' and 'lora_path'");
        }
        if (!launch.enableLora()) {
            reply(exchange, LORA_NOT_ENABLED);
            return;
        }
        reply(exchange, state.adapters().load(name, path).map(r -> refusalMessage(r, name, path)).orElse(null));
    }

    private void unloadAdapter(HttpExchange exchange) throws IOException {
        JsonNode body = HttpIo.readJsonObject(exchange);
        String name = textField(body, "lora_name");
        if (name.isEmpty()) {
            throw ApiError.badRequest("lora_name must be provided to unload LoRA adapter");
        }
        if (!launch.enableLora()) {
            reply(exchange, LORA_NOT_ENABLED);
            return;
        }
        reply(exchange, state.adapters().unload(name) ? null : "LoRA adapter with name " + name + " does not exist.");
    }

    /** SGLang's LoRA update reply: 200 on success, 400 with the error message otherwise. */
    private void reply(HttpExchange exchange, String errorMessage) throws IOException {
        ObjectNode body = Json.object().put("success", errorMessage == null);
        if (errorMessage == null) {
            body.putNull("error_message");
        } else {
            body.put("error_message", errorMessage);
        }
        ObjectNode loaded = body.putObject("loaded_adapters");
        state.adapters().snapshot().forEach(loaded::put);
        HttpIo.json(exchange, errorMessage == null ? 200 : 400, body);
    }

    private ObjectNode modelInfo() {
        return Json.object()
                .put("model_path", launch.model())
                .put("tokenizer_path", flags.value("tokenizer-path").orElse(launch.model()))
                .put("is_generation", true);
    }

    private ObjectNode serverInfo() {
        ObjectNode info = modelInfo();
        info.remove("is_generation");
        info.put("served_model_name", launch.primaryServedName())
                .put("host", state.options().bindAddress().getHostAddress())
                .put("port", launch.port())
                .put("tp_size", launch.tensorParallelSize())
                .put("pp_size", launch.pipelineParallelSize())
                .put("context_length", maxModelLen())
                .put("enable_lora", launch.enableLora())
                .put("max_loras_per_batch", launch.maxLoras())
                .put("enable_metrics", launch.enableMetrics())
                .put("api_key_set", launch.apiKey().isPresent()) // the real reply echoes the key itself
                .put("version", state.options().engineVersion());
        ObjectNode loraPaths = info.putObject("lora_paths");
        launch.startupAdapters().forEach(loraPaths::put);
        if (launch.maxLoadedLoras() == Integer.MAX_VALUE) {
            info.putNull("max_loaded_loras");
        } else {
            info.put("max_loaded_loras", launch.maxLoadedLoras());
        }
        if (launch.maxLoraRank() == 0) {
            info.putNull("max_lora_rank");
        } else {
            info.put("max_lora_rank", launch.maxLoraRank());
        }
        return info;
    }

    @Override
    String renderMetrics() {
        EngineMetrics m = state.metrics();
        Map<String, String> labels = modelLabel();
        return new PrometheusText()
                .gauge("sglang:num_running_reqs", "The number of running requests.", labels, m.running())
                .gauge("sglang:num_queue_reqs", "The number of requests in the waiting queue.", labels, state.batch().waiting())
                .gauge("sglang:token_usage", "The token usage.", labels, m.kvCacheUsage())
                .gauge("sglang:gen_throughput", "The generation throughput (token/s).", labels, m.lastGenerationThroughput())
                .counter("sglang:prompt_tokens", "Number of prefill tokens processed.", labels, m.promptTokens())
                .counter("sglang:generation_tokens", "Number of generation tokens processed.", labels, m.generationTokens())
                .histogram("sglang:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
                        labels, m.timeToFirstToken())
                .histogram("sglang:e2e_request_latency_seconds", "Histogram of End-to-end request latency in seconds",
                        labels, m.e2eLatency())
                .toString();
    }
}
