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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus application (the operator, the gateway) in its own process: started from its
 * {@code quarkus-run.jar} with an environment, ready when its management port's readiness check answers 200, stopped
 * within a bound. Its health and metrics are on a management port of its own, picked free here.
 */
final class QuarkusProcess {
    private final String name;
    private final Path jar;
    private final Path log;
    private final Map<String, String> env;
    private final int managementPort;
    private List<String> jvmOptions;
    private Process process;

    /**
     * @param jvmOptions the JVM's options (e.g. a heap bound) until {@link #jvmOptions(List)} replaces them
     * @param env        the application's environment; {@code QUARKUS_MANAGEMENT_PORT} is added here
     */
    QuarkusProcess(String name, Path jar, Path log, List<String> jvmOptions, Map<String, String> env) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the " + name + " first (./mvnw -pl <module> -am package)");
        }
        this.name = name;
        this.jar = jar;
        this.log = log;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.managementPort = freePort();
        this.env = new HashMap<>(env);
        this.env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
    }

    /** An environment variable for the next start. */
    synchronized void env(String key, String value) {
        env.put(key, value);
    }

    /** JVM options for the next start. */
    synchronized void jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
    }

    synchronized void start() {
        start("/q/health/ready");
    }

    /**
     * Starts it and waits only until it is alive ({@code /q/health/live}): an operator that is not the leader is never
     * ready, since its controllers start only once it leads.
     */
    synchronized void startAlive() {
        start("/q/health/live");
    }

    private void start(String health) {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            process = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the " + name, e);
        }
        Await.until(name + " answering " + health + " (log: " + log + ")", Duration.ofSeconds(60), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
            }
            return answers(health);
        });
    }

    synchronized void stop() {
        terminate(Duration.ofSeconds(20));
    }

    /**
     * SIGTERM, and SIGKILL if it has not exited within {@code grace} (as the kubelet does after a pod's grace
     * period); says whether it exited by itself.
     */
    synchronized boolean terminate(Duration grace) {
        if (process == null) {
            return true;
        }
        process.destroy();
        boolean exited = false;
        try {
            exited = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited && !process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
                // SIGKILL cannot be refused: a process still there is stuck in the kernel, and waiting on helps nothing.
                throw new AssertionError("the " + name + " (pid " + process.pid() + ", log: " + log + ") survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        return exited;
    }

    /**
     * {@code kill -9}: no shutdown hook runs, nothing is flushed or released (leases, in-flight writes), as when a
     * node dies or the kernel's OOM killer strikes.
     */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        try {
            if (!process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the " + name + " (pid " + process.pid() + ", log: " + log + ") survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** The management interface's base URL (health, metrics, a gateway's load report). */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** A GET on the management port (health, metrics). */
    HttpResponse<String> management(String path) {
        return management(path, Duration.ofSeconds(5));
    }

    HttpResponse<String> management(String path, Duration timeout) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(managementUrl() + path)).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private boolean answers(String health) {
        try {
            return management(health).statusCode() == 200;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
