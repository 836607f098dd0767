package io.modeldeploy.gateway.http;

import io.vertx.core.json.JsonObject;

/** An error in OpenAI's shape, {@code {"error":{"message","type","code"}}}, with its HTTP status. */
public record OpenAiError(int status, String type, String code, String message) {

    public static OpenAiError unauthorized() {
        return new OpenAiError(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided for this model (send it as 'Authorization: Bearer <key>').");
    }

    public static OpenAiError modelNotFound(String model) {
        return new OpenAiError(404, "invalid_request_error", "model_not_found",
                "The model '" + model + "' does not exist or you do not have access to it.");
    }

    public static OpenAiError badRequest(String message) {
        return new OpenAiError(400, "invalid_request_error", null, message);
    }

    public static OpenAiError rateLimited(String message) {
        return new OpenAiError(429, "rate_limit_exceeded", "rate_limit_exceeded", message);
    }

    public static OpenAiError unavailable(String message) {
        return new OpenAiError(503, "service_unavailable", "no_ready_instance", message);
    }

    public static OpenAiError badGateway(String message) {
        return new OpenAiError(502, "upstream_error", "upstream_unreachable", message);
    }

    public static OpenAiError gatewayTimeout(String message) {
        return new OpenAiError(504, "upstream_error", "upstream_timeout", message);
    }

    public String json() {
        JsonObject error = new JsonObject().put("message", message).put("type", type).put("code", code);
        return new JsonObject().put("error", error).encode();
    }
}
