package io.modeldeploy.e2e.support;

import java.nio.file.Path;
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
        env.putAll(extraEnv);
        this.process = new QuarkusProcess("operator", root.resolve("operator/target/quarkus-app/quarkus-run.jar"),
                root.resolve("e2e-tests/target/operator-it.log"), "384m", env);
    }

    public OperatorProcess start() {
        process.start();
        return this;
    }

    public void stop() {
        process.stop();
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
        return process.management("/q/metrics").body();
    }

    @Override
    public void close() {
        stop();
    }
}
