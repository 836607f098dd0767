package io.modeldeploy.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A CPU profile of the API server over the first seconds of a burst, from its own {@code /debug/pprof} endpoint
 * (served to the admin), for {@code go tool pprof}: where the control plane's share of a burst goes.
 */
final class ApiServerProfile implements AutoCloseable {
    private final Process kubectl;
    private final Path file;

    private ApiServerProfile(Process kubectl, Path file) {
        this.kubectl = kubectl;
        this.file = file;
    }

    /** Starts recording {@code seconds} of the API server's CPU profile into {@code file}; returns at once. */
    static ApiServerProfile start(Path kubeconfig, Path file, Duration seconds) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "--raw",
                    "/debug/pprof/profile?seconds=" + seconds.toSeconds())
                    .redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new ApiServerProfile(kubectl, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the profile to be written. */
    @Override
    public void close() throws InterruptedException {
        if (!kubectl.waitFor(2, TimeUnit.MINUTES)) {
            kubectl.destroyForcibly();
        }
        ScaleBench.log("API server CPU profile: " + file + (kubectl.exitValue() == 0 ? "" : " (failed)"));
    }
}
