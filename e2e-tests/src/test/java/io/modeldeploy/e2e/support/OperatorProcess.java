package io.modeldeploy.e2e.support;

import io.modeldeploy.sim.testing.Await;

import java.io.IOException;
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
    /** With per-resource series, a thousand deployments make a page of tens of megabytes. */
    private static final Duration METRICS_TIMEOUT = Duration.ofSeconds(60);
    private static final java.util.List<String> VENDOR_KEYS = java.util.List.of("alayanew", "zstack", "qianfan", "drun");

    private final QuarkusProcess process;

    public OperatorProcess(LocalCluster cluster, Map<String, String> extraEnv) {
        this(cluster.root(), cluster.processEnvironment(), extraEnv);
    }

    /** Against any cluster: {@code clusterEnv} names it (KUBECONFIG). */
    public OperatorProcess(Path root, Map<String, String> clusterEnv, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(clusterEnv);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(QuarkusProcess.freePort()));
        VENDOR_KEYS.forEach(key -> env.put("MODELDEPLOY_VENDORS_" + key.toUpperCase(java.util.Locale.ROOT)
                + "_ALLOWED_ENDPOINTS", LOCAL_ALLOWED_ENDPOINTS));
        // A test setting (installations keep it off: the series grow with the deployments): the per-resource reconcile
        // counter is how a test knows this process reconciled one deployment (reconcileCount, awaitReconciled).
        env.put("MODELDEPLOY_METRICS_PER_RESOURCE", "true");
        env.putAll(extraEnv);
        this.process = new QuarkusProcess("operator", root.resolve("operator/target/quarkus-app/quarkus-run.jar"),
                root.resolve("e2e-tests/target/operator-it.log"), java.util.List.of("-Xmx384m"), env);
    }

    /** JVM options for the next start, in place of the tests' plain heap bound (the benchmark runs the chart's). */
    public OperatorProcess withJvmOptions(java.util.List<String> options) {
        process.jvmOptions(options);
        return this;
    }

    /** An environment variable (an operator setting) for the next start. */
    public OperatorProcess withEnv(String key, String value) {
        process.env(key, value);
        return this;
    }

    /** The running operator's process id (its memory is read from /proc). */
    public long pid() {
        return process.pid();
    }

    public OperatorProcess start() {
        process.start();
        return this;
    }

    /** Starts a replica that may not lead (leader election on): it waits until alive, not until ready. */
    public OperatorProcess startAsFollower() {
        process.startAlive();
        return this;
    }

    /** SIGTERM, then SIGKILL after {@code grace} as the kubelet does; whether it exited by itself in time. */
    public boolean terminate(Duration grace) {
        return process.terminate(grace);
    }

    public void stop() {
        process.stop();
    }

    /** {@code kill -9}: the operator dies wherever it is, mid-reconcile or mid-write; {@link #start} brings it back. */
    public void kill() {
        process.kill();
    }

    /** The operator's log file, shared by every operator this test JVM starts: read it from an offset. */
    public Path log() {
        return process.log();
    }

    /** HTTP status of a GET on the management port (health, metrics). */
    public int status(String path) {
        return process.management(path).statusCode();
    }

    public String metrics() {
        return process.management("/q/metrics", METRICS_TIMEOUT).body();
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
        return Await.until("more than " + since + " reconciles of " + namespace + "/" + name + " (log: " + log() + ")",
                RECONCILED_TIMEOUT, () -> {
                    long count = reconcileCount(namespace, name);
                    return count > since ? count : null;
                });
    }

    /** Where the log ends now: {@link #logSince} from here reads only what the operator logs afterwards. */
    public long logSize() {
        try {
            return Files.exists(log()) ? Files.size(log()) : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String logSince(long offset) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(log().toFile(), "r")) {
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
}
