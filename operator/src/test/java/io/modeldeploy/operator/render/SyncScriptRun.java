package io.modeldeploy.operator.render;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.Python3;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.engine.AdapterSidecar;
import io.modeldeploy.operator.engine.EngineUnavailable;
import io.modeldeploy.operator.engine.HttpEngineConnector;
import io.modeldeploy.operator.engine.SyncedAdapter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter-sync sidecar script as shipped in the ConfigMap, run with the local python3 against the adapter
 * list the renderer writes (published the way the kubelet refreshes a ConfigMap), read through the operator's
 * own client of GET /status. One per test; {@link #stop()} after it.
 */
final class SyncScriptRun {
    static final Duration PATIENCE = Duration.ofSeconds(15);

    final Path dir;
    final Path list;
    final Path adapterDir;
    final AdapterSidecar sidecar;
    private final Path script;
    private final Path log;
    private final int port;
    private final Map<String, String> extraEnv;
    private Process process;

    SyncScriptRun(Path dir, Map<String, String> extraEnv) throws IOException {
        Python3.require();
        this.dir = dir;
        this.extraEnv = extraEnv;
        list = dir.resolve("adapters.json");
        adapterDir = Files.createDirectories(dir.resolve("adapters"));
        script = dir.resolve("sync.py");
        Files.writeString(script, AdapterSyncRenderer.configMap(Fixtures.resolve(AdapterSyncRendererTest.withAdapters()), List.of())
                .getData().get("sync.py"));
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        log = dir.resolve("sync.log");
        sidecar = new HttpEngineConnector().sidecar("127.0.0.1", port);
    }

    /** The list as the renderer writes it for these {@code name=uri} adapters. */
    static String renderedList(String... adapters) {
        ModelDeployment md = AdapterSyncRendererTest.withAdapters(adapters);
        return AdapterSyncRenderer.configMap(Fixtures.resolve(md), Fixtures.resolve(md).adapters()).getData().get("adapters.json");
    }

    void publish(String... adapters) throws IOException {
        writeList(renderedList(adapters));
    }

    /** Replaces the file at once, as the kubelet does. */
    void writeList(String content) throws IOException {
        Path next = dir.resolve("adapters.json.next");
        Files.writeString(next, content);
        Files.move(next, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void start(String... pythonArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(pythonArgs));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        env.put("ADAPTER_LIST", list.toString());
        env.put("ADAPTER_DIR", adapterDir.toString());
        env.put("ADAPTER_SYNC_PORT", Integer.toString(port));
        env.put("ADAPTER_SYNC_INTERVAL_SECONDS", "0.2");
        // Whether or not huggingface_hub is installed here, no real hf:// download can succeed.
        env.put("HF_HUB_OFFLINE", "1");
        env.put("HF_HOME", dir.resolve("hf-home").toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.putAll(extraEnv);
        process = pb.start();
    }

    void startScript() throws IOException {
        start(script.toString());
    }

    Path script() {
        return script;
    }

    /** Polls GET /status until it satisfies {@code done}; fails with the last answer and the script's output. */
    Map<String, SyncedAdapter> awaitStatus(String what, Predicate<Map<String, SyncedAdapter>> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        Map<String, SyncedAdapter> last = null;
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("sync.py exited: %s", output()).isTrue();
            try {
                last = sidecar.status();
                if (done.test(last)) {
                    return last;
                }
            } catch (EngineUnavailable notListeningYet) {
                // starting
            }
            Thread.sleep(50);
        }
        throw new AssertionError("GET /status never showed " + what + " within " + PATIENCE + "; last answer " + last
                + "; output: " + output());
    }

    Map<String, SyncedAdapter> awaitStatus(Predicate<Map<String, SyncedAdapter>> done) throws InterruptedException {
        return awaitStatus("the awaited state", done);
    }

    String output() {
        try {
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Ends the script, as a pod restart would; the adapter volume stays. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS) && !process.destroyForcibly().waitFor(5, TimeUnit.SECONDS)) {
            throw new AssertionError("sync.py (pid " + process.pid() + ") survived SIGKILL for 5 s");
        }
        process = null;
    }

    static boolean settled(Map<String, SyncedAdapter> status, int count) {
        return status.size() == count && status.values().stream().noneMatch(a -> "Downloading".equals(a.state()));
    }
}
