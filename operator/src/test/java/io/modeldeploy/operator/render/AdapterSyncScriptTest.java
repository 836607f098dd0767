package io.modeldeploy.operator.render;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.engine.AdapterSidecar;
import io.modeldeploy.operator.engine.EngineUnavailable;
import io.modeldeploy.operator.engine.HttpEngineConnector;
import io.modeldeploy.operator.engine.SyncedAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The adapter-sync sidecar script as shipped in the ConfigMap, run with the local python3 against the
 * adapter list the renderer writes, and read through the operator's own client of GET /status.
 */
class AdapterSyncScriptTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static boolean python;

    @TempDir
    Path dir;
    private Path list;
    private Path adapterDir;
    private Path script;
    private int port;
    private Process process;
    private Path log;
    private AdapterSidecar sidecar;

    @BeforeAll
    static void findPython() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            python = p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            python = false;
        }
    }

    @BeforeEach
    void prepare() throws IOException {
        assumeTrue(python, "python3 is not on PATH");
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

    @AfterEach
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Publishes the list as the renderer writes it, replacing the file at once as the kubelet does. */
    private void publish(String... adapters) throws IOException {
        ModelDeployment md = AdapterSyncRendererTest.withAdapters(adapters);
        String json = AdapterSyncRenderer.configMap(Fixtures.resolve(md), Fixtures.resolve(md).adapters()).getData().get("adapters.json");
        writeList(json);
    }

    private void writeList(String content) throws IOException {
        Path next = dir.resolve("adapters.json.next");
        Files.writeString(next, content);
        Files.move(next, list, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void start(String... pythonArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(pythonArgs));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("ADAPTER_LIST", list.toString());
        env.put("ADAPTER_DIR", adapterDir.toString());
        env.put("ADAPTER_SYNC_PORT", Integer.toString(port));
        env.put("ADAPTER_SYNC_INTERVAL_SECONDS", "0.2");
        // Whether or not huggingface_hub is installed here, no hf:// download can succeed.
        env.put("HF_HUB_OFFLINE", "1");
        env.put("HF_HOME", dir.resolve("hf-home").toString());
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        process = pb.start();
    }

    private void startScript() throws IOException {
        start(script.toString());
    }

    /** Polls GET /status until it satisfies {@code done}; fails with the last answer and the script's output. */
    private Map<String, SyncedAdapter> awaitStatus(Predicate<Map<String, SyncedAdapter>> done) throws Exception {
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
        throw new AssertionError("GET /status never got there; last answer " + last + "; output: " + output());
    }

    private String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean settled(Map<String, SyncedAdapter> status, int count) {
        return status.size() == count && status.values().stream().noneMatch(a -> "Downloading".equals(a.state()));
    }

    @Test
    void fileAdaptersAreCheckedAndAFailedDownloadLeavesTheOthersAlone() throws Exception {
        Path present = Files.createDirectories(dir.resolve("baked/sql"));
        Files.writeString(present.resolve("adapter_config.json"), "{\"r\": 8}");
        Path absent = dir.resolve("baked/nowhere");
        publish("sql=file://" + present, "gone=file://" + absent, "remote=hf://org/no-such-adapter");
        startScript();

        Map<String, SyncedAdapter> status = awaitStatus(s -> settled(s, 3));

        assertThat(status.get("sql")).isEqualTo(new SyncedAdapter("Ready", present.toString(), null));
        assertThat(status.get("gone").failed()).isTrue();
        assertThat(status.get("gone").path()).isEqualTo(absent.toString());
        assertThat(status.get("gone").message()).contains(absent.toString()).contains("does not exist");
        assertThat(status.get("remote").failed()).isTrue();
        assertThat(status.get("remote").message()).isNotBlank();
        assertThat(status.get("remote").path()).startsWith("/adapters/remote-");
    }

    @Test
    void anAdapterDroppedFromTheListDisappearsFromTheStatus() throws Exception {
        Path present = Files.createDirectories(dir.resolve("baked/sql"));
        publish("sql=file://" + present, "remote=hf://org/no-such-adapter", "gone=file://" + dir.resolve("nowhere"));
        startScript();
        awaitStatus(s -> settled(s, 3));

        publish("sql=file://" + present, "gone=file://" + dir.resolve("nowhere"));
        Map<String, SyncedAdapter> status = awaitStatus(s -> !s.containsKey("remote"));

        assertThat(status).containsOnlyKeys("sql", "gone");
        assertThat(status.get("sql").ready()).isTrue();

        publish();
        assertThat(awaitStatus(Map::isEmpty)).isEmpty();
    }

    @Test
    void filesOfAdaptersNoLongerListedAreRemovedFromTheSharedVolume() throws Exception {
        Path stale = Files.createDirectories(adapterDir.resolve("old-lora"));
        Files.writeString(stale.resolve("adapter_model.safetensors"), "weights");
        Path present = Files.createDirectories(dir.resolve("baked/sql"));
        publish("sql=file://" + present);
        startScript();

        awaitStatus(s -> settled(s, 1));
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Files.exists(stale) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }

        assertThat(stale).doesNotExist();
        assertThat(present).exists();
    }

    @Test
    void anUpperCaseSchemeIsFetchedLikeALowerCaseOne() throws Exception {
        publish("remote=HF://org/no-such-adapter");
        startScript();

        SyncedAdapter remote = awaitStatus(s -> settled(s, 1)).get("remote");

        assertThat(remote.failed()).isTrue();
        assertThat(remote.message()).doesNotContain("KeyError");
    }

    @Test
    void aListThatIsNotJsonYetKeepsTheSidecarServing() throws Exception {
        writeList("[{\"name\": ");
        startScript();

        assertThat(awaitStatus(s -> true)).isEmpty();

        Path present = Files.createDirectories(dir.resolve("baked/sql"));
        publish("sql=file://" + present);
        assertThat(awaitStatus(s -> settled(s, 1)).get("sql").ready()).isTrue();
    }

    /**
     * A failed download is retried on every pass; while the retry runs the adapter must stay Failed, or the
     * operator's conditions flap between AdapterLoadFailed and AdaptersLoading. The fetch is slowed down
     * here through the script's fetcher table so that a retry in progress is visible.
     */
    @Test
    void aRetriedDownloadKeepsReportingItsFailure() throws Exception {
        publish("remote=hf://org/no-such-adapter");
        start("-c", """
                import importlib.util, os, sys, threading, time
                spec = importlib.util.spec_from_file_location("sync", sys.argv[1])
                sync = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(sync)
                def slow_failure(uri, target):
                    time.sleep(0.3)
                    raise RuntimeError("401 Client Error: Unauthorized for " + uri)
                sync.FETCHERS["hf"] = slow_failure
                os.makedirs(sync.PARTIAL, exist_ok=True)
                os.makedirs(sync.DONE, exist_ok=True)
                threading.Thread(target=sync.loop, daemon=True).start()
                sync.ThreadingHTTPServer(("127.0.0.1", sync.PORT), sync.StatusHandler).serve_forever()
                """, script.toString());

        awaitStatus(s -> s.containsKey("remote") && s.get("remote").failed());
        List<String> seen = new ArrayList<>();
        Instant end = Instant.now().plusMillis(1500);
        while (Instant.now().isBefore(end)) {
            SyncedAdapter remote = sidecar.status().get("remote");
            seen.add(remote.state());
            assertThat(remote.message()).contains("401 Client Error");
            Thread.sleep(20);
        }

        assertThat(seen).hasSizeGreaterThan(10).containsOnly("Failed");
    }
}
