package io.modeldeploy.e2e.support;

import io.modeldeploy.sim.testing.Await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as users run it: its packaged Quarkus application in its own process, reading ModelDeployments and
 * pods of the test cluster and the keys the operator publishes into {@link OperatorHarness#GATEWAY_NAMESPACE}.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Path jar;
    private final Map<String, String> env;
    private final Path log;
    private final int port;
    private final int managementPort;
    private Process process;

    /** @param replicas how many gateway replicas share the rate limits (each process is told the same number) */
    public GatewayProcess(LocalCluster cluster, String name, int replicas) {
        this.jar = cluster.root().resolve("gateway/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the gateway first (./mvnw -pl gateway -am package)");
        }
        this.port = freePort();
        this.managementPort = freePort();
        this.log = cluster.root().resolve("e2e-tests/target/gateway-" + name + "-it.log");
        this.env = new HashMap<>(cluster.processEnvironment());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("MODELDEPLOY_GATEWAY_NAMESPACE", OperatorHarness.GATEWAY_NAMESPACE);
        env.put("MODELDEPLOY_GATEWAY_REPLICAS", Integer.toString(replicas));
        env.put("MODELDEPLOY_GATEWAY_ADAPTER_WAIT", "5s");
    }

    public synchronized GatewayProcess start() {
        try {
            ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the gateway", e);
        }
        Await.until("gateway ready (log: " + log + ")", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("gateway exited with " + process.exitValue() + "; log: " + log);
            }
            return managementStatus("/q/health/ready") == 200;
        });
        return this;
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS) && !process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the gateway (pid " + process.pid() + ") survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    public Path log() {
        return log;
    }

    /** The process's resident set size now, from /proc (Linux), in bytes. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS for pid " + process.pid());
    }

    public String metrics() {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/metrics")).GET(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** POST {@code /v1<path>} with the key as a bearer token (null: no Authorization header). */
    public HttpResponse<String> post(String path, String key, String json) {
        return send(request(path, key).POST(HttpRequest.BodyPublishers.ofString(json)), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET(), HttpResponse.BodyHandlers.ofString());
    }

    /** One line of a streamed answer and when it arrived. */
    public record Arrival(String line, long nanos) {
    }

    /** POSTs and reads the answer line by line as it arrives, noting each line's arrival time. */
    public List<Arrival> stream(String path, String key, String json) {
        HttpResponse<InputStream> response = send(request(path, key).POST(HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("streamed request answered " + response.statusCode());
        }
        List<Arrival> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(new Arrival(line, System.nanoTime()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        return key == null ? b : b.header("Authorization", "Bearer " + key);
    }

    private int managementStatus(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request.build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
