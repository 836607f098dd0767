package io.modeldeploy.operator.render;

import io.modeldeploy.operator.engine.AdapterSidecar;
import io.modeldeploy.operator.engine.SyncedAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter-sync sidecar script's checks and failures ({@link AdapterSyncDownloadTest} has its downloads):
 * the script as shipped, run with the local python3 ({@link SyncScriptRun}).
 */
class AdapterSyncScriptTest {
    private static final Duration PATIENCE = SyncScriptRun.PATIENCE;

    @TempDir
    Path dir;
    private SyncScriptRun run;
    private AdapterSidecar sidecar;
    private Path adapterDir;

    @BeforeEach
    void prepare() throws IOException {
        run = new SyncScriptRun(dir, Map.of());
        sidecar = run.sidecar;
        adapterDir = run.adapterDir;
    }

    @AfterEach
    void kill() throws InterruptedException {
        if (run != null) {
            run.stop();
        }
    }

    @Test
    void fileAdaptersAreCheckedAndAFailedDownloadLeavesTheOthersAlone() throws Exception {
        Path present = Files.createDirectories(dir.resolve("baked/sql"));
        Files.writeString(present.resolve("adapter_config.json"), "{\"r\": 8}");
        Path absent = dir.resolve("baked/nowhere");
        run.publish("sql=file://" + present, "gone=file://" + absent, "remote=hf://org/no-such-adapter");
        run.startScript();

        Map<String, SyncedAdapter> status = run.awaitStatus(s -> SyncScriptRun.settled(s, 3));

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
        run.publish("sql=file://" + present, "remote=hf://org/no-such-adapter", "gone=file://" + dir.resolve("nowhere"));
        run.startScript();
        run.awaitStatus(s -> SyncScriptRun.settled(s, 3));

        run.publish("sql=file://" + present, "gone=file://" + dir.resolve("nowhere"));
        Map<String, SyncedAdapter> status = run.awaitStatus(s -> !s.containsKey("remote"));

        assertThat(status).containsOnlyKeys("sql", "gone");
        assertThat(status.get("sql").ready()).isTrue();

        run.publish();
        assertThat(run.awaitStatus(Map::isEmpty)).isEmpty();
    }

    @Test
    void filesOfAdaptersNoLongerListedAreRemovedFromTheSharedVolume() throws Exception {
        Path stale = Files.createDirectories(adapterDir.resolve("old-lora"));
        Files.writeString(stale.resolve("adapter_model.safetensors"), "weights");
        Path present = Files.createDirectories(dir.resolve("baked/sql"));
        run.publish("sql=file://" + present);
        run.startScript();

        run.awaitStatus(s -> SyncScriptRun.settled(s, 1));
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Files.exists(stale) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }

        assertThat(stale).doesNotExist();
        assertThat(present).exists();
    }

    @Test
    void anUpperCaseSchemeIsFetchedLikeALowerCaseOne() throws Exception {
        run.publish("remote=HF://org/no-such-adapter");
        run.startScript();

        SyncedAdapter remote = run.awaitStatus(s -> SyncScriptRun.settled(s, 1)).get("remote");

        assertThat(remote.failed()).isTrue();
        assertThat(remote.message()).doesNotContain("KeyError");
    }

    @Test
    void aListThatIsNotJsonYetKeepsTheSidecarServing() throws Exception {
        run.writeList("[{\"name\": ");
        run.startScript();

        assertThat(run.awaitStatus(s -> true)).isEmpty();

        Path present = Files.createDirectories(dir.resolve("baked/sql"));
        run.publish("sql=file://" + present);
        assertThat(run.awaitStatus(s -> SyncScriptRun.settled(s, 1)).get("sql").ready()).isTrue();
    }

    /**
     * A failed download is retried on every pass; while the retry runs the adapter must stay Failed, or the
     * operator's conditions flap between AdapterLoadFailed and AdaptersLoading. The fetch is slowed down
     * here through the script's fetcher table so that a retry in progress is visible.
     */
    @Test
    void aRetriedDownloadKeepsReportingItsFailure() throws Exception {
        Path attempts = dir.resolve("attempts");
        run.publish("remote=hf://org/no-such-adapter");
        run.start("-c", """
                import importlib.util, os, sys, threading, time
                spec = importlib.util.spec_from_file_location("sync", sys.argv[1])
                sync = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(sync)
                def slow_failure(uri, target):
                    with open(sys.argv[2], "a") as f:
                        f.write("start\\n")
                    time.sleep(0.3)
                    with open(sys.argv[2], "a") as f:
                        f.write("end\\n")
                    raise RuntimeError("401 Client Error: Unauthorized for " + uri)
                sync.FETCHERS["hf"] = slow_failure
                os.makedirs(sync.PARTIAL, exist_ok=True)
                os.makedirs(sync.DONE, exist_ok=True)
                threading.Thread(target=sync.loop, daemon=True).start()
                sync.ThreadingHTTPServer(("127.0.0.1", sync.PORT), sync.StatusHandler).serve_forever()
                """, run.script().toString(), attempts.toString());

        run.awaitStatus(s -> s.containsKey("remote") && s.get("remote").failed());
        // Every status read from here, and how many of them while a retry (not the first attempt) was running: the
        // fetcher had started it and had not ended it both before and after the read.
        List<SyncedAdapter> seen = new ArrayList<>();
        int duringRetries = 0;
        Instant deadline = Instant.now().plus(PATIENCE);
        while ((duringRetries < 5 || finished(attempts) < 3) && Instant.now().isBefore(deadline)) {
            long before = lines(attempts);
            seen.add(sidecar.status().get("remote"));
            if (before > 2 && before % 2 == 1 && lines(attempts) == before) {
                duringRetries++;
            }
            Thread.sleep(20);
        }

        assertThat(finished(attempts)).as("attempts the fetcher finished").isGreaterThanOrEqualTo(3);
        assertThat(duringRetries).as("statuses read during a retry").isGreaterThanOrEqualTo(5);
        assertThat(seen).allSatisfy(remote -> {
            assertThat(remote.state()).isEqualTo("Failed");
            assertThat(remote.message()).contains("401 Client Error");
        });
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    private static long finished(Path attempts) throws IOException {
        return Files.exists(attempts) ? Files.readAllLines(attempts).stream().filter("end"::equals).count() : 0;
    }
}
