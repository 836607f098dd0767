package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A Server-Sent Events reply as the OpenAI streaming API sends it: {@code data: <json>} events, then {@code [DONE]}. */
final class SseWriter {
    private final OutputStream out;

    SseWriter(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0); // chunked: the length is unknown up front
        this.out = exchange.getResponseBody();
    }

    void event(JsonNode data) throws IOException {
        write(Json.MAPPER.writeValueAsString(data));
    }

    /** Ends the stream; the exchange is closed by the router. */
    void done() throws IOException {
        write("[DONE]");
        out.close();
    }

    private void write(String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
