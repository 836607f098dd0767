package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * vLLM's OpenAI server: the key guards {@code /v1} only; run-time LoRA routes exist only with
 * {@code VLLM_ALLOW_RUNTIME_LORA_UPDATING}; a request picks an adapter by naming it as the model.
 */
final class VllmDialect extends Dialect {
    static final String LORA_NOT_ENABLED = "LoRA is not enabled. Use --enable-lora to enable LoRA.";

    VllmDialect(EngineState state) {
        super(state, true);
    }

    @Override
    String ownedBy() {
        return "vllm";
    }

    @Override
    boolean guarded(String path) {
        return path.startsWith("/v1");
    }

    @Override
    void addRoutes(Router router) {
        router.add("GET", "/ping", this::health)
                .add("POST", "/ping", this::health)
                .add("GET", "/version", ex -> HttpIo.json(ex, 200,
                        Json.object().put("version", state.options().engineVersion())));
        if (launch.runtimeLoraUpdating()) {
            router.add("POST", "/v1/load_lora_adapter", this::loadAdapter)
                    .add("POST", "/v1/unload_lora_adapter", this::unloadAdapter);
        }
    }

    @Override
    ModelTarget resolveModel(JsonNode request) {
        String model = textField(request, "model");
        if (model.isEmpty() || launch.servedNames().contains(model)) {
            return new ModelTarget(model.isEmpty() ? launch.primaryServedName() : model, launch.primaryServedName(),
                    Optional.empty());
        }
        if (state.adapters().isLoaded(model)) {
            return new ModelTarget(model, launch.primaryServedName(), Optional.of(model));
        }
        throw ApiError.openAi(404, "NotFoundError", "The model `" + model + "` does not exist.");
    }

    /** {@code --max-num-seqs}; vLLM's EngineArgs default is 256 (the V1 engine may pick more on large GPUs). */
    @Override
    int maxRunning() {
        return flags.intValue(256, "max-num-seqs");
    }

    @Override
    int maxModelLen() {
        return flags.intValue(DEFAULT_CONTEXT_LENGTH, "max-model-len");
    }

    @Override
    Optional<String> launchProblem() {
        return !launch.enableLora() && !launch.startupAdapters().isEmpty()
                ? Optional.of(LORA_NOT_ENABLED)
                : Optional.empty();
    }

    @Override
    String refusalMessage(LoraRegistry.Refusal refusal, String name, String path) {
        return switch (refusal.reason()) {
            case ALREADY_LOADED -> "The lora adapter '" + name + "' has already been loaded.";
            case LIMIT_REACHED -> "Cannot load more than " + state.adapters().maxLoaded() + " LoRA adapters.";
            case INJECTED_FAILURE -> refusal.injectedMessage();
            case NO_SUCH_PATH -> "Loading lora " + name + " failed: No adapter found for " + path;
        };
    }

    private void loadAdapter(HttpExchange exchange) throws IOException {
        JsonNode body = HttpIo.readJsonObject(exchange);
        String name = textField(body, "lora_name");
        String path = textField(body, "lora_path");
        if (name.isEmpty() || path.isEmpty()) {
            throw ApiError.openAi(400, "InvalidUserInput", "Both 'lora_name' and 'lora_path' must be provided.");
        }
        if (!launch.enableLora()) {
            throw ApiError.badRequest(LORA_NOT_ENABLED);
        }
        Optional<LoraRegistry.Refusal> refusal = state.adapters().load(name, path);
        if (refusal.isPresent()) {
            throw loadError(refusal.get(), refusalMessage(refusal.get(), name, path));
        }
        HttpIo.text(exchange, 200, "text/plain; charset=utf-8", "Success: LoRA adapter '" + name + "' added successfully.");
    }

    /** The engine's own load errors are 400, or 404 when it could not find the adapter's files. */
    private static ApiError loadError(LoraRegistry.Refusal refusal, String message) {
        if (refusal.reason() == LoraRegistry.Reason.ALREADY_LOADED) {
            return ApiError.openAi(400, "InvalidUserInput", message);
        }
        return message.contains("No adapter found")
                ? ApiError.openAi(404, "NotFoundError", message)
                : ApiError.badRequest(message);
    }

    private void unloadAdapter(HttpExchange exchange) throws IOException {
        JsonNode body = HttpIo.readJsonObject(exchange);
        String name = textField(body, "lora_name");
        if (name.isEmpty()) {
            throw ApiError.openAi(400, "InvalidUserInput", "either 'lora_name' and 'lora_int_id' needs to be provided.");
        }
        if (!state.adapters().unload(name)) {
            throw ApiError.openAi(404, "NotFoundError", "The lora adapter '" + name + "' cannot be found.");
        }
        HttpIo.text(exchange, 200, "text/plain; charset=utf-8", "Success: LoRA adapter '" + name + "' removed successfully.");
    }

    @Override
    String renderMetrics() {
        EngineMetrics m = state.metrics();
        Map<String, String> labels = modelLabel();
        PrometheusText out = new PrometheusText()
                .gauge("vllm:num_requests_running", "Number of requests in model execution batches.", labels, m.running())
                .gauge("vllm:num_requests_waiting", "Number of requests waiting to be processed.", labels, state.batch().waiting())
                .gauge("vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", labels, m.kvCacheUsage())
                .counter("vllm:prompt_tokens", "Number of prefill tokens processed.", labels, m.promptTokens())
                .counter("vllm:generation_tokens", "Number of generation tokens processed.", labels, m.generationTokens());
        Map<Map<String, String>, Long> successes = new LinkedHashMap<>();
        m.finishedByReason().forEach((reason, count) -> {
            Map<String, String> withReason = new LinkedHashMap<>(labels);
            withReason.put("finished_reason", reason);
            successes.put(withReason, count);
        });
        out.counter("vllm:request_success", "Count of successfully processed requests.", successes);
        Map<String, String> loraLabels = new LinkedHashMap<>();
        loraLabels.put("max_lora", Integer.toString(launch.maxLoras()));
        loraLabels.put("running_lora_adapters", m.runningAdapters());
        loraLabels.put("waiting_lora_adapters", "");
        return out
                .histogram("vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
                        labels, m.timeToFirstToken())
                .histogram("vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.",
                        labels, m.e2eLatency())
                // vLLM labels this one by adapters only, and its value is the time of the last update
                .gauge("vllm:lora_requests_info", "Running stats on lora requests.", loraLabels,
                        System.currentTimeMillis() / 1000.0)
                .toString();
    }
}
