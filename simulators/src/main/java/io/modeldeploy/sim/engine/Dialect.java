package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between the simulated engines: which paths the API key guards, the engine-only endpoints
 * (health variants, run-time LoRA), how a request names an adapter, error wording and metric names.
 * What both engines share (the OpenAI endpoints, adapter bookkeeping, metric counting) lives elsewhere.
 */
abstract class Dialect {
    /** The context length reported when the launch does not set one (the real engines read the model's config). */
    static final int DEFAULT_CONTEXT_LENGTH = 4096;

    protected final EngineState state;
    protected final EngineLaunch launch;
    protected final EngineFlags flags;

    protected Dialect(EngineState state, boolean underscoresAsDashes) {
        this.state = state;
        this.launch = state.launch();
        this.flags = EngineFlags.parse(launch.rawArgs(), underscoresAsDashes);
    }

    static Dialect of(EngineState state) {
        return switch (state.launch().kind()) {
            case VLLM -> new VllmDialect(state);
            case SGLANG -> new SglangDialect(state);
        };
    }

    /** {@code owned_by} in {@code /v1/models}. */
    abstract String ownedBy();

    /** Whether the engine's API-key middleware checks this path. */
    abstract boolean guarded(String path);

    /** Registers the endpoints only this engine has. */
    abstract void addRoutes(Router router);

    /** The model and adapter a generation request names; an {@link ApiError} when the engine would refuse it. */
    abstract ModelTarget resolveModel(JsonNode request);

    abstract int maxModelLen();

    /** How many requests generate at once; the rest wait in the engine's queue. */
    abstract int maxRunning();

    /** A check the engine makes on its arguments before serving; the message it would exit with. */
    abstract Optional<String> launchProblem();

    /** The engine's wording for a refused adapter load. */
    abstract String refusalMessage(LoraRegistry.Refusal refusal, String name, String path);

    abstract String renderMetrics();

    /** {@code /health}: 200 with an empty body, 503 once the engine is wedged. */
    protected final void health(HttpExchange exchange) throws IOException {
        HttpIo.empty(exchange, state.healthy() ? 200 : 503);
    }

    /** The {@code /v1/models} entries: the served names, then the loaded adapters parented to the first name. */
    final ArrayNode modelCards() {
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (String name : launch.servedNames()) {
            ObjectNode card = card(name, launch.model());
            card.putNull("parent");
            card.put("max_model_len", maxModelLen());
            data.add(card);
        }
        for (Map.Entry<String, String> adapter : state.adapters().snapshot().entrySet()) {
            ObjectNode card = card(adapter.getKey(), adapter.getValue());
            card.put("parent", launch.primaryServedName());
            card.putNull("max_model_len");
            data.add(card);
        }
        return data;
    }

    private ObjectNode card(String id, String root) {
        return Json.object()
                .put("id", id)
                .put("object", "model")
                .put("created", state.startedEpochSecond())
                .put("owned_by", ownedBy())
                .put("root", root);
    }

    /** Labels every engine metric carries. */
    protected final Map<String, String> modelLabel() {
        return Map.of("model_name", launch.primaryServedName());
    }

    /** A string field of a request body, trimmed; empty when absent or not a string. */
    protected static String textField(JsonNode body, String field) {
        return body.path(field).isTextual() ? body.path(field).asText().trim() : "";
    }
}
