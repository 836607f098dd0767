package io.modeldeploy.e2e.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The real kubectl against the test cluster, for what users do with it (apply, scale, explain). */
public final class Kubectl {
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
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            throw new IllegalStateException("kubectl could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
