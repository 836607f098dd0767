package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a Server-Sent Events body the way an OpenAI client does: each event is {@code data: <payload>} and a blank line. */
final class SseEvents {
    private SseEvents() {
    }

    static List<String> of(String body) {
        List<String> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (!block.isBlank()) {
                if (!block.startsWith("data: ")) {
                    throw new AssertionError("not an SSE data event: " + block);
                }
                events.add(block.substring("data: ".length()));
            }
        }
        if (!body.endsWith("\n\n")) {
            throw new AssertionError("SSE body does not end with a blank line");
        }
        return events;
    }

    static List<JsonNode> json(List<String> events) {
        List<JsonNode> nodes = new ArrayList<>();
        for (String event : events) {
            try {
                nodes.add(EngineTestSupport.JSON.readTree(event));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return nodes;
    }
}
