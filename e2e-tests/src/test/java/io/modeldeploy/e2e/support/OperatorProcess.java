package io.modeldeploy.e2e.support;

import io.modeldeploy.sim.testing.Await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The operator as users run it: its packaged Quarkus application in its own process, against the
 * test cluster. Tests can stop and start it to prove a restart loses and duplicates nothing.
 */
public final class OperatorProcess implements AutoCloseable {
    /**
     * A development setting, as {@code make up} sets it: the vendor simulators listen on 127.0.0.1 at any port, which
     * no installation allows by default. {@code https://vendor.invalid} (a reserved name that never resolves) is for
     * tests whose deployment must get past the endpoint check but never reach a vendor.
     */
    public static final String LOCAL_ALLOWED_ENDPOINTS = "http://127.0.0.1:*,https://vendor.invalid";
    /** A reconcile takes a second or two; a restarted process first lists every watched resource. */
    private static final Duration RECONCILED_TIMEOUT = Duration.ofSeconds(60);
    private static final java.util.List<String> VENDOR_KEYS = java.util.List.of("alayanew", "zstack", "qianfan", "drun");

    private final Path jar;
    private final Map<String, String> env;
    private final Path log;
    private final int managementPort;
    private java.util.List<String> jvmOptions = java.util.List.of("-Xmx384m");
    private Process process;

    public OperatorProcess(LocalCluster cluster, Map<String, String> extraEnv) {
        this(cluster.root(), cluster.processEnvironment(), extraEnv);
    }

    /** Against any cluster: {@code clusterEnv} names it (KUBECONFIG). */
    public OperatorProcess(Path root, Map<String, String> clusterEnv, Map<String, String> extraEnv) {
        this.jar = root.resolve("operator/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the operator first (./mvnw -pl operator package)");
        }
        this.managementPort = freePort();
        this.log = root.resolve("e2e-tests/target/operator-it.log");
        this.env = new java.util.HashMap<>(clusterEnv);
        this.env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        this.env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        VENDOR_KEYS.forEach(key -> this.env.put("MODELDEPLOY_VENDORS_" + key.toUpperCase(java.util.Locale.ROOT)
                + "_ALLOWED_ENDPOINTS", LOCAL_ALLOWED_ENDPOINTS));
        // A test setting (installations keep it off: the series grow with the deployments): the per-resource reconcile
        // counter is how a test knows this process reconciled one deployment (reconcileCount, awaitReconciled).
        this.env.put("MODELDEPLOY_METRICS_PER_RESOURCE", "true");
        this.env.putAll(extraEnv);
    }

    /** JVM options for the next start, in place of the tests' plain heap bound (the benchmark runs the chart's). */
    public synchronized OperatorProcess withJvmOptions(java.util.List<String> options) {
        this.jvmOptions = java.util.List.copyOf(options);
        return this;
    }

    /** The running operator's process id (its memory is read from /proc). */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("the operator is not running");
        }
        return process.pid();
    }

    public synchronized OperatorProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        try {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("java"));
            command.addAll(jvmOptions);
            command.addAll(java.util.List.of("-jar", jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the operator", e);
        }
        Await.until("operator ready (log: " + log + ")", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("operator exited with " + process.exitValue() + "; log: " + log);
            }
            return ready();
        });
        return this;
    }

    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(20), java.util.concurrent.TimeUnit.MILLISECONDS)
                    && !process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                // SIGKILL cannot be refused: a process still there is stuck in the kernel, and waiting on helps nothing.
                throw new AssertionError("the operator (pid " + process.pid() + ", log: " + log + ") survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** The operator's log file, shared by every operator this test JVM starts: read it from an offset. */
    public Path log() {
        return log;
    }

    /** HTTP status of a GET on the management port (health, metrics). */
    public int status(String path) {
        return get(path).statusCode();
    }

    public String metrics() {
        // With per-resource series, a thousand deployments make a page of tens of megabytes.
        return get("/q/metrics", Duration.ofSeconds(60)).body();
    }

    /** Reconciles (and cleanups) of that ModelDeployment this process finished without error; 0 for a fresh process. */
    public long reconcileCount(String namespace, String name) {
        return ReconcileCounts.successes(metrics(), namespace, name);
    }

    /**
     * Waits until this process finished more reconciles of that ModelDeployment than {@code since} (0: any, for a
     * fresh process), and returns the count: the positive sign that it looked at the deployment and wrote what it
     * wanted to.
     */
    public long awaitReconciled(String namespace, String name, long since) {
        return Await.until("more than " + since + " reconciles of " + namespace + "/" + name + " (log: " + log + ")",
                RECONCILED_TIMEOUT, () -> {
                    long count = reconcileCount(namespace, name);
                    return count > since ? count : null;
                });
    }

    /** Where the log ends now: {@link #logSince} from here reads only what the operator logs afterwards. */
    public long logSize() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String logSince(long offset) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean ready() {
        try {
            return get("/q/health/ready").statusCode() == 200;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    private HttpResponse<String> get(String path) {
        return get(path, Duration.ofSeconds(5));
    }

    private HttpResponse<String> get(String path, Duration timeout) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + path)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
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
