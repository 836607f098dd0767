package io.modeldeploy.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The engines' and the sidecar's HTTP APIs, with short timeouts: a slow pod must not stall reconciles. */
@jakarta.inject.Singleton
public final class HttpEngineConnector implements EngineConnector {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_MESSAGE = 500;

    /**
     * HTTP/1.1 only: by default the JDK client offers an h2c upgrade on cleartext requests, which uvicorn
     * (the engines' HTTP server) answers with 400 or by dropping the request body.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public EngineAdmin engine(String podIp, int port, Engine engine, EngineCredential credential) {
        return new HttpEngine(URI.create("http://" + hostPort(podIp, port)), engine, credential);
    }

    @Override
    public AdapterSidecar sidecar(String podIp, int port) {
        URI status = URI.create("http://" + hostPort(podIp, port) + "/status");
        return () -> {
            HttpResponse<String> response = send(HttpRequest.newBuilder(status).GET().timeout(TIMEOUT).build(), "adapter-sync");
            if (response.statusCode() != 200) {
                throw new EngineUnavailable("adapter-sync GET /status answered " + response.statusCode() + ": " + message(response));
            }
            JsonNode body = json(response);
            Map<String, SyncedAdapter> out = new LinkedHashMap<>();
            body.path("adapters").fields().forEachRemaining(e -> out.put(e.getKey(), new SyncedAdapter(
                    e.getValue().path("state").asText(), e.getValue().path("path").asText(null),
                    e.getValue().path("message").asText(null))));
            return out;
        };
    }

    /** An IPv6 pod IP must be bracketed in a URI, or the client refuses the URI outright. */
    static String hostPort(String podIp, int port) {
        return (podIp.contains(":") && !podIp.startsWith("[") ? "[" + podIp + "]" : podIp) + ":" + port;
    }

    /** Every engine lists what it holds on /v1/models; where its adapter routes are and how it refuses are its own. */
    private record HttpEngine(URI base, Engine engine, EngineCredential credential) implements EngineAdmin {

        @Override
        public Map<String, String> heldAdapters() throws EngineUnavailable {
            HttpResponse<String> response = send(authorized("/v1/models").GET().build(), "engine");
            if (response.statusCode() != 200) {
                throw new EngineUnavailable("GET /v1/models answered " + response.statusCode() + ": " + message(response));
            }
            Map<String, String> adapters = new LinkedHashMap<>();
            for (JsonNode model : json(response).path("data")) {
                if (!model.path("parent").isNull() && !model.path("parent").isMissingNode()) {
                    adapters.put(model.path("id").asText(), model.path("root").isTextual() ? model.path("root").asText() : null);
                }
            }
            return adapters;
        }

        @Override
        public Optional<String> load(String name, String pathInPod) throws EngineUnavailable {
            return post("/load_lora_adapter", Map.of("lora_name", name, "lora_path", pathInPod));
        }

        @Override
        public Optional<String> unload(String name) throws EngineUnavailable {
            return post("/unload_lora_adapter", Map.of("lora_name", name));
        }

        private Optional<String> post(String route, Map<String, String> body) throws EngineUnavailable {
            String path = engine.adapterRoute(route);
            HttpRequest request;
            try {
                request = authorized(path).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            HttpResponse<String> response = send(request, "engine");
            if (response.statusCode() >= 500) {
                throw new EngineUnavailable(path + " answered " + response.statusCode() + ": "
                        + message(response));
            }
            if (response.statusCode() / 100 == 2 && !refusedDespiteSuccess(response)) {
                return Optional.empty();
            }
            String message = message(response);
            return Optional.of(message.isEmpty() ? path + " answered " + response.statusCode() : message);
        }

        private HttpRequest.Builder authorized(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
            if (credential != null && credential.value() != null && !credential.value().isEmpty()) {
                b.header("Authorization", "Bearer " + credential.value());
            }
            return b;
        }

        private boolean refusedDespiteSuccess(HttpResponse<String> response) {
            try {
                return engine.refusedDespiteSuccess(JSON.readTree(response.body()));
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static HttpResponse<String> send(HttpRequest request, String what) throws EngineUnavailable {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EngineUnavailable(what + " at " + request.uri().getAuthority() + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailable("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws EngineUnavailable {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new EngineUnavailable("not JSON from " + response.uri() + ": " + e.getMessage(), e);
        }
    }

    /** The engine's own words: an OpenAI-style {@code error.message}, a {@code message}, {@code error_message} or {@code detail}, or the raw text. */
    private static String message(HttpResponse<String> response) {
        String text = response.body() == null ? "" : response.body();
        try {
            JsonNode body = JSON.readTree(text);
            if (body != null && body.path("error").hasNonNull("message")) {
                body = body.get("error"); // the OpenAI-style error object, nested
            }
            for (String field : new String[]{"message", "error_message", "detail"}) {
                if (body != null && body.hasNonNull(field)) {
                    text = body.get(field).asText();
                    break;
                }
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        text = text.strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "..." : text;
    }
}
