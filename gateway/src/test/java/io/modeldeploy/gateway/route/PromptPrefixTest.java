package io.modeldeploy.gateway.route;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromptPrefixTest {
    @Test
    void chatMessagesInOrderCutAtTheLength() {
        JsonObject chat = new JsonObject("{\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"hello there\"}]}");
        assertThat(PromptPrefix.of(chat, 100)).isEqualTo("system:be brief\nuser:hello there\n");
        assertThat(PromptPrefix.of(chat, 10)).isEqualTo("system:be ");
    }

    @Test
    void completionPromptAndEmbeddingInput() {
        assertThat(PromptPrefix.of(new JsonObject("{\"prompt\":\"once upon a time\"}"), 4)).isEqualTo("once");
        assertThat(PromptPrefix.of(new JsonObject("{\"input\":\"vector me\"}"), 100)).isEqualTo("vector me");
        assertThat(PromptPrefix.of(new JsonObject("{}"), 100)).isEmpty();
    }
}
