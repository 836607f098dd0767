package io.modeldeploy.gateway.route;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The start of a request's prompt, which PrefixHash keys on: engines reuse the KV cache of a shared prefix (system
 * prompt, earlier turns), so requests sharing the first characters should meet on one instance.
 */
public final class PromptPrefix {
    private PromptPrefix() {
    }

    public static String of(JsonObject request, int length) {
        StringBuilder text = new StringBuilder();
        Object messages = request.getValue("messages");
        if (messages instanceof JsonArray list) {
            for (Object m : list) {
                if (text.length() >= length) {
                    break;
                }
                if (m instanceof JsonObject message) {
                    text.append(message.getValue("role")).append(':').append(message.getValue("content")).append('\n');
                }
            }
        } else {
            Object prompt = request.getValue("prompt", request.getValue("input"));
            if (prompt != null) {
                text.append(prompt);
            }
        }
        return text.length() > length ? text.substring(0, length) : text.toString();
    }
}
