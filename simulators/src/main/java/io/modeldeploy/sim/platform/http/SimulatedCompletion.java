package io.modeldeploy.sim.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The answer a SIMULATED vendor service gives to an OpenAI chat or text completion: a fixed, small text naming the
 * service, with {@code usage}. What a test checks at a vendor is the way in (its own key header, its model name),
 * so the answer only has to be a well-formed OpenAI body.
 */
public final class SimulatedCompletion {
    private SimulatedCompletion() {
    }

    public static ObjectNode of(JsonNode request, boolean chat, String id, String content) {
        ObjectNode out = Json.object().put("id", id)
                .put("object", chat ? "chat.completion" : "text_completion")
                .put("created", Instant.now().getEpochSecond()).put("model", request.path("model").asText());
        ObjectNode choice = out.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        if (chat) {
            choice.putObject("message").put("role", "assistant").put("content", content);
        } else {
            choice.put("text", content);
        }
        out.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 3).put("total_tokens", 4);
        return out;
    }
}
