package io.modeldeploy.operator.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.engine.SyncedAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped sync.py's downloads, through its own {@code fetch_hf} into a stand-in {@code huggingface_hub}
 * (test resource {@code adapter-sync-fake}) whose {@code snapshot_download} writes files and holds each
 * download half-written until the test releases it: the moment an engine must not see.
 */
class AdapterSyncDownloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path calls;
    private Path gate;
    private SyncScriptRun run;

    @BeforeEach
    void prepare() throws IOException {
        Path modules = Files.createDirectories(dir.resolve("fake-modules/huggingface_hub"));
        try (InputStream in = getClass().getResourceAsStream("/adapter-sync-fake/huggingface_hub/__init__.py")) {
            Files.write(modules.resolve("__init__.py"), in.readAllBytes());
        }
        calls = dir.resolve("calls.jsonl");
        gate = Files.createDirectories(dir.resolve("gate"));
        // First on the path: a real huggingface_hub installed here is never reached.
        run = new SyncScriptRun(dir, Map.of("PYTHONPATH", modules.getParent().toString(),
                "FAKE_HF_CALLS", calls.toString(), "FAKE_HF_GATE", gate.toString()));
    }

    @AfterEach
    void kill() throws InterruptedException {
        if (run != null) {
            run.stop();
        }
    }

    /**
     * The renderer's list with each synced path moved from the pod's /adapters to this test's volume, keeping
     * the directory name the renderer chose (adapter name and URI digest).
     */
    private Map<String, Path> publish(String... adapters) throws IOException {
        ArrayNode list = (ArrayNode) JSON.readTree(SyncScriptRun.renderedList(adapters));
        Map<String, Path> paths = new LinkedHashMap<>();
        for (JsonNode entry : list) {
            if (entry.path("synced").asBoolean()) {
                String inPod = entry.path("path").asText();
                assertThat(inPod).startsWith("/adapters/");
                ((ObjectNode) entry).put("path", run.adapterDir.resolve(inPod.substring("/adapters/".length())).toString());
            }
            paths.put(entry.path("name").asText(), Path.of(entry.path("path").asText()));
        }
        run.writeList(JSON.writeValueAsString(list));
        return paths;
    }

    private List<JsonNode> downloads() throws IOException {
        if (!Files.exists(calls)) {
            return List.of();
        }
        return Files.readAllLines(calls).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("fake snapshot_download wrote " + line, e);
            }
        }).toList();
    }

    private void release(int download) throws IOException {
        Files.createFile(gate.resolve("release-" + download));
    }

    private Path partial(String name) {
        return run.adapterDir.resolve(".partial").resolve(name);
    }

    private Path marker(String name) {
        return run.adapterDir.resolve(".complete").resolve(name);
    }

    /** Waits until the download in progress has written its first file (and no more: the test holds it). */
    private void awaitHalfWritten(String name) throws InterruptedException {
        Path first = partial(name).resolve("adapter_config.json");
        run.awaitStatus(name + " Downloading with " + first + " written",
                s -> s.containsKey(name) && "Downloading".equals(s.get(name).state()) && Files.exists(first));
    }

    @Test
    void aDownloadAppearsUnderItsNameOnlyWhenCompleteAndIsMarked() throws Exception {
        Map<String, Path> paths = publish("sql=hf://org/sql-lora@v1");
        Path target = paths.get("sql");
        run.startScript();

        awaitHalfWritten("sql");

        assertThat(target).as("half-written, not under its name").doesNotExist();
        assertThat(marker("sql")).doesNotExist();
        assertThat(downloads()).singleElement().satisfies(call -> {
            assertThat(call.path("repo_id").asText()).isEqualTo("org/sql-lora");
            assertThat(call.path("revision").asText()).isEqualTo("v1");
            assertThat(call.path("local_dir").asText()).isEqualTo(partial("sql").toString());
        });

        release(1);
        SyncedAdapter sql = run.awaitStatus("sql Ready", s -> s.containsKey("sql") && s.get("sql").ready()).get("sql");

        assertThat(sql.path()).isEqualTo(target.toString());
        assertThat(target.resolve("adapter_config.json")).exists();
        assertThat(target.resolve("adapter_model.safetensors")).hasContent("weights of org/sql-lora@v1");
        assertThat(partial("sql")).doesNotExist();
        assertThat(marker("sql")).hasContent("hf://org/sql-lora@v1");
    }

    /**
     * Later passes and a restarted sidecar find the marker and download nothing. A file:// adapter named after
     * "sql" is the signal that a later pass ran: the list is sorted by name, so "sql" was checked before it.
     */
    @Test
    void aCompleteAdapterIsNotDownloadedAgainNorAfterARestart() throws Exception {
        Path baked = Files.createDirectories(dir.resolve("baked/watch"));
        publish("sql=hf://org/sql-lora@v1");
        release(1);
        run.startScript();
        run.awaitStatus("sql Ready", s -> s.containsKey("sql") && s.get("sql").ready());

        publish("sql=hf://org/sql-lora@v1", "watch=file://" + baked);
        run.awaitStatus("watch Ready", s -> s.containsKey("watch") && s.get("watch").ready());
        assertThat(downloads()).hasSize(1);

        run.stop();
        run.startScript();
        Map<String, SyncedAdapter> afterRestart = run.awaitStatus("both Ready after a restart",
                s -> s.size() == 2 && s.values().stream().allMatch(SyncedAdapter::ready));

        assertThat(afterRestart.get("sql").path()).isEqualTo(publish("sql=hf://org/sql-lora@v1", "watch=file://" + baked)
                .get("sql").toString());
        assertThat(downloads()).as("no download after the restart").hasSize(1);
    }

    /** A new URI is a new directory: the old one stays until the new one is complete, then goes. */
    @Test
    void aNewUriIsDownloadedAgainIntoPlace() throws Exception {
        Path old = publish("sql=hf://org/sql-lora@v1").get("sql");
        release(1);
        run.startScript();
        run.awaitStatus("sql@v1 Ready", s -> s.containsKey("sql") && s.get("sql").ready());

        Path renewed = publish("sql=hf://org/sql-lora@v2").get("sql");
        assertThat(renewed).isNotEqualTo(old);
        awaitHalfWritten("sql");

        assertThat(renewed).as("half-written, not under its name").doesNotExist();
        assertThat(old.resolve("adapter_model.safetensors")).as("the old version while the new one downloads")
                .hasContent("weights of org/sql-lora@v1");
        assertThat(downloads()).extracting(c -> c.path("revision").asText()).containsExactly("v1", "v2");

        release(2);
        SyncedAdapter sql = run.awaitStatus("sql@v2 Ready",
                s -> s.containsKey("sql") && s.get("sql").ready() && s.get("sql").path().equals(renewed.toString())).get("sql");

        assertThat(sql.message()).isNull();
        assertThat(renewed.resolve("adapter_model.safetensors")).hasContent("weights of org/sql-lora@v2");
        assertThat(marker("sql")).hasContent("hf://org/sql-lora@v2");
        awaitGone(old);
    }

    @Test
    void aDownloadThatFailsHalfWayLeavesNothingBehind() throws Exception {
        Path target = publish("sql=hf://org/sql-lora@broken").get("sql");
        run.startScript();

        SyncedAdapter sql = run.awaitStatus("sql Failed", s -> s.containsKey("sql") && s.get("sql").failed()).get("sql");

        assertThat(sql.message()).contains("Connection reset by peer");
        assertThat(downloads()).isNotEmpty();
        assertThat(target).doesNotExist();
        assertThat(partial("sql")).doesNotExist();
        assertThat(marker("sql")).doesNotExist();
    }

    /** The old directory is removed by the end of the pass that finished the new one. */
    private void awaitGone(Path path) throws InterruptedException {
        Instant deadline = Instant.now().plus(SyncScriptRun.PATIENCE);
        while (Files.exists(path) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(path).as("removed once its replacement is in place").doesNotExist();
    }
}
