package io.modeldeploy.e2e.support;

import io.modeldeploy.sim.testing.BoundedProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real kubectl against the test cluster, for what users do with it (apply, scale, explain). */
public final class Kubectl {
    /**
     * Every call here is one request or a few (apply, patch, scale, explain) and takes about a second; a minute
     * means the API server or kubectl is stuck, and the test should say so rather than wait for CI's limit.
     */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public record Result(int exitCode, String output) {
    }

    private final LocalCluster cluster;

    public Kubectl(LocalCluster cluster) {
        this.cluster = cluster;
    }

    public Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(cluster.processEnvironment());
        BoundedProcess.Result r = BoundedProcess.run(pb, TIMEOUT);
        return new Result(r.exitCode(), r.output());
    }

    /** Runs and fails the test on a non-zero exit, showing kubectl's output. */
    public String ok(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " failed (" + r.exitCode() + "):\n" + r.output());
        }
        return r.output();
    }
}
