package io.modeldeploy.gateway.proxy;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/** Tokens one request used, from the engine's {@code usage} object. */
public record Usage(long promptTokens, long completionTokens) {

    public long total() {
        return promptTokens + completionTokens;
    }

    static Optional<Usage> from(JsonObject body) {
        Object usage = body.getValue("usage");
        if (!(usage instanceof JsonObject u)) {
            return Optional.empty();
        }
        return Optional.of(new Usage(number(u, "prompt_tokens"), number(u, "completion_tokens")));
    }

    private static long number(JsonObject o, String field) {
        Object v = o.getValue(field);
        return v instanceof Number n ? n.longValue() : 0;
    }
}
