package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts engine simulators on free loopback ports and talks to them over real HTTP. */
final class EngineTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private EngineTestSupport() {
    }

    /** A port free right now on the loopback interface (the engine takes its port from args, not port 0). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetAddress ip(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static EngineLaunch launch(String image, List<String> command, List<String> args, Map<String, String> env) {
        return EngineLaunch.parse(image, command, args, env).orElseThrow();
    }

    /** {@code vllm serve <model> --port <free> <flags...>} started at once on 127.0.0.1. */
    static EngineSimulator vllm(Map<String, String> env, String... flags) {
        List<String> args = new ArrayList<>(List.of("serve", "org/base-model", "--port", Integer.toString(freePort())));
        args.addAll(List.of(flags));
        return EngineSimulator.start(launch("vllm/vllm-openai:v0.9.1", List.of("vllm"), args, env),
                EngineOptions.defaults().withEngineVersion("0.9.1"));
    }

    /**
     * {@code python3 -m sglang.launch_server --model-path <model> --port <free> <flags...>} started at once, as
     * SGLang 0.5.2: the run-time adapter options ({@code --enable-lora}, {@code --max-loaded-loras}) exist from
     * the 0.5 line on.
     */
    static EngineSimulator sglang(String... flags) {
        List<String> args = new ArrayList<>(List.of("-m", "sglang.launch_server", "--model-path", "org/base-model",
                "--port", Integer.toString(freePort())));
        args.addAll(List.of(flags));
        return EngineSimulator.start(launch("lmsysorg/sglang:v0.5.2", List.of("python3"), args, Map.of()),
                EngineOptions.defaults().withEngineVersion("0.5.2"));
    }

    static HttpResponse<String> get(EngineSimulator engine, String path, String apiKey) {
        return send(engine, path, apiKey, HttpRequest.BodyPublishers.noBody(), "GET");
    }

    static HttpResponse<String> get(EngineSimulator engine, String path) {
        return get(engine, path, null);
    }

    static HttpResponse<String> post(EngineSimulator engine, String path, String jsonBody, String apiKey) {
        return send(engine, path, apiKey, HttpRequest.BodyPublishers.ofString(jsonBody), "POST");
    }

    static HttpResponse<String> post(EngineSimulator engine, String path, String jsonBody) {
        return post(engine, path, jsonBody, null);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String uri(EngineSimulator engine, String path) {
        return "http://" + engine.address().getAddress().getHostAddress() + ":" + engine.address().getPort() + path;
    }

    private static HttpResponse<String> send(EngineSimulator engine, String path, String apiKey,
                                             HttpRequest.BodyPublisher body, String method) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri(engine, path)))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .method(method, body);
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
