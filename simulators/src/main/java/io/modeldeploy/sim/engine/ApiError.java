package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A refusal a handler throws; the router writes it as the engine would. */
final class ApiError extends RuntimeException {
    private final int status;
    private final JsonNode body;

    ApiError(int status, JsonNode body) {
        super(body.toString(), null, false, false);
        this.status = status;
        this.body = body;
    }

    /** The error object both engines' OpenAI layers answer with. */
    static ApiError openAi(int status, String type, String message) {
        ObjectNode body = Json.object()
                .put("object", "error")
                .put("message", message)
                .put("type", type);
        body.putNull("param");
        body.put("code", status);
        return new ApiError(status, body);
    }

    static ApiError badRequest(String message) {
        return openAi(400, "BadRequestError", message);
    }

    int status() {
        return status;
    }

    JsonNode body() {
        return body;
    }
}
