package io.modeldeploy.e2e.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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

/**
 * The gateway as users run it: its packaged Quarkus application in its own process, reading ModelDeployments and
 * pods of the test cluster and the keys the operator publishes into {@link OperatorHarness#GATEWAY_NAMESPACE}.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final QuarkusProcess process;
    private final int port;

    /** With the admin kubeconfig. */
    public GatewayProcess(LocalCluster cluster, String name, int replicas) {
        this(cluster, name, replicas, cluster.kubeconfig());
    }

    /**
     * @param replicas   how many gateway replicas share the rate limits (each process is told the same number)
     * @param kubeconfig whom it talks to the API server as (e.g. the chart's gateway ServiceAccount)
     */
    public GatewayProcess(LocalCluster cluster, String name, int replicas, Path kubeconfig) {
        this(cluster, name, replicas, kubeconfig, Map.of());
    }

    /** @param settings more environment, e.g. {@code MODELDEPLOY_GATEWAY_HOLD_TIMEOUT} */
    public GatewayProcess(LocalCluster cluster, String name, int replicas, Path kubeconfig, Map<String, String> settings) {
        this.port = QuarkusProcess.freePort();
        Map<String, String> env = new HashMap<>(cluster.processEnvironment());
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("MODELDEPLOY_GATEWAY_NAMESPACE", OperatorHarness.GATEWAY_NAMESPACE);
        env.put("MODELDEPLOY_GATEWAY_REPLICAS", Integer.toString(replicas));
        env.put("MODELDEPLOY_GATEWAY_ADAPTER_WAIT", "5s");
        // Its replica id in the load report, as a pod's name is in Kubernetes.
        env.put("HOSTNAME", "gateway-" + name);
        env.putAll(settings);
        this.process = new QuarkusProcess("gateway", cluster.root().resolve("gateway/target/quarkus-app/quarkus-run.jar"),
                cluster.root().resolve("e2e-tests/target/gateway-" + name + "-it.log"), List.of("-Xmx128m"), env);
    }

    public GatewayProcess start() {
        process.start();
        return this;
    }

    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** Its management base URL, as the operator's scaler is pointed at it ({@link OperatorHarness#pointScalerAt}). */
    public String managementUrl() {
        return process.managementUrl();
    }

    public Path log() {
        return process.log();
    }

    /** The process's resident set size now, from /proc (Linux), in bytes. */
    public long residentBytes() {
        long pid = process.pid();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    public String metrics() {
        return process.management("/q/metrics").body();
    }

    /** The load report the operator's scaler polls, e.g. {@code load("?after=3&waitMs=0")}. */
    public HttpResponse<String> load(String query) {
        return process.management("/modeldeploy/load" + query, Duration.ofSeconds(10));
    }

    /** POST {@code /v1<path>} with the key as a bearer token (null: no Authorization header). */
    public HttpResponse<String> post(String path, String key, String json) {
        return post(path, key, json, DEFAULT_TIMEOUT);
    }

    /** As {@link #post(String, String, String)}, giving up (and disconnecting) after {@code timeout}. */
    public HttpResponse<String> post(String path, String key, String json, Duration timeout) {
        return send(request(path, key, timeout).POST(HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET(), HttpResponse.BodyHandlers.ofString());
    }

    /** One line of a streamed answer and when it arrived. */
    public record Arrival(String line, long nanos) {
    }

    /** POSTs and reads the answer line by line as it arrives, noting each line's arrival time. */
    public List<Arrival> stream(String path, String key, String json) {
        return stream(path, key, json, DEFAULT_TIMEOUT);
    }

    /** As {@link #stream(String, String, String)}, the answer's start awaited at most {@code timeout}. */
    public List<Arrival> stream(String path, String key, String json, Duration timeout) {
        HttpResponse<InputStream> response = send(request(path, key, timeout).POST(HttpRequest.BodyPublishers.ofString(json)),
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
        return request(path, key, DEFAULT_TIMEOUT);
    }

    private HttpRequest.Builder request(String path, String key, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(timeout)
                .header("Content-Type", "application/json");
        return key == null ? b : b.header("Authorization", "Bearer " + key);
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
}
