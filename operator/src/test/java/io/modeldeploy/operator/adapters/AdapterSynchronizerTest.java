package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.MutableClock;
import io.modeldeploy.operator.deployment.AdapterLocation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.modeldeploy.operator.adapters.AdapterPlanTest.hf;
import static io.modeldeploy.operator.adapters.AdapterPlanTest.location;
import static org.assertj.core.api.Assertions.assertThat;

/** One engine brought to hold the wanted adapters, against in-memory fakes of the engine and its sidecar. */
class AdapterSynchronizerTest {
    private static final String POD = "uid-pod-1";

    private final MutableClock clock = new MutableClock();
    private final AdapterSynchronizer synchronizer = new AdapterSynchronizer(new LoadBackoff(clock));
    private final FakeEngine engine = new FakeEngine();
    private final FakeSidecar sidecar = new FakeSidecar();

    private InstanceAdapters sync(AdapterLocation... wanted) {
        return synchronizer.sync(POD, engine, sidecar, List.of(wanted));
    }

    @Test
    void adaptersOnDiskAreLoadedFromTheirPathInThePod() {
        sidecar.ready("sql", "chat");

        InstanceAdapters result = sync(hf("sql"), location("chat", "pvc://loras/chat"));

        assertThat(engine.held).containsEntry("sql", AdapterPlanTest.hf("sql").pathInPod()).containsEntry("chat", "/adapter-claims/loras/chat");
        assertThat(result.reachable()).isTrue();
        assertThat(result.loaded()).containsExactly("chat", "sql");
        assertThat(result.failed()).isEmpty();
        assertThat(result.waiting()).isEmpty();
        assertThat(result.complete()).isTrue();
    }

    @Test
    void syncingAgainChangesNothingAndReportsTheSame() {
        sidecar.ready("sql", "chat");
        InstanceAdapters first = sync(hf("sql"), hf("chat"));
        engine.loadCalls.clear();

        InstanceAdapters second = sync(hf("sql"), hf("chat"));

        assertThat(engine.loadCalls).isEmpty();
        assertThat(engine.unloadCalls).isEmpty();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void adaptersNoLongerWantedAreUnloaded() {
        engine.holding("sql", "old");
        sidecar.ready("sql");

        InstanceAdapters result = sync(hf("sql"));

        assertThat(engine.unloadCalls).containsExactly("old");
        assertThat(engine.held).containsOnlyKeys("sql");
        assertThat(result.loaded()).containsExactly("sql");
        assertThat(result.complete()).isTrue();
    }

    @Test
    void anAdapterTheEngineRefusesToUnloadIsStillReportedAsLoaded() {
        engine.holding("sql", "old");
        engine.unloadRefusals.put("old", "adapter is in use");
        sidecar.ready("sql");

        assertThat(sync(hf("sql")).loaded()).containsExactly("old", "sql");
    }

    @Test
    void alreadyLoadedByAConcurrentLoadIsNotAFailure() {
        sidecar.ready("sql");
        engine.loadedConcurrently.add("sql");

        InstanceAdapters result = sync(hf("sql"));

        assertThat(engine.loadCalls).containsExactly("sql");
        assertThat(result.loaded()).containsExactly("sql");
        assertThat(result.failed()).isEmpty();
        assertThat(result.complete()).isTrue();
    }

    @Test
    void alreadyLoadedStartsNoBackoff() {
        sidecar.ready("sql");
        engine.loadedConcurrently.add("sql");
        sync(hf("sql"));
        engine.held.clear();
        engine.loadedConcurrently.clear();

        InstanceAdapters result = sync(hf("sql"));

        assertThat(engine.loadCalls).containsExactly("sql", "sql");
        assertThat(result.loaded()).containsExactly("sql");
    }

    @Test
    void aRefusedLoadIsFailedWithTheEnginesMessage() {
        sidecar.ready("sql", "chat");
        engine.refusals.put("sql", "LoRA rank 128 is greater than max_lora_rank 64.");

        InstanceAdapters result = sync(hf("sql"), hf("chat"));

        assertThat(result.failed()).containsExactly(java.util.Map.entry("sql", "LoRA rank 128 is greater than max_lora_rank 64."));
        assertThat(result.loaded()).containsExactly("chat");
        assertThat(result.complete()).isFalse();
    }

    @Test
    void backoffBlocksTheRetryUntilTheClockHasMoved() {
        sidecar.ready("sql");
        engine.refusals.put("sql", "rank too large");
        sync(hf("sql"));

        InstanceAdapters blocked = sync(hf("sql"));

        assertThat(engine.loadCalls).containsExactly("sql");
        assertThat(blocked.failed()).containsEntry("sql", "rank too large");

        clock.advance(Duration.ofSeconds(5));
        engine.refusals.clear();
        InstanceAdapters retried = sync(hf("sql"));

        assertThat(engine.loadCalls).containsExactly("sql", "sql");
        assertThat(retried.loaded()).containsExactly("sql");
        assertThat(retried.failed()).isEmpty();
        assertThat(retried.complete()).isTrue();
    }

    @Test
    void anAdapterHeldDespiteItsBackoffIsNotReportedAsFailed() {
        sidecar.ready("sql");
        engine.refusals.put("sql", "busy");
        sync(hf("sql"));
        engine.holding("sql");

        InstanceAdapters result = sync(hf("sql"));

        assertThat(result.loaded()).containsExactly("sql");
        assertThat(result.failed()).isEmpty();
    }

    @Test
    void backoffOfOnePodDoesNotBlockAnother() {
        sidecar.ready("sql");
        engine.refusals.put("sql", "no");
        sync(hf("sql"));
        FakeEngine other = new FakeEngine();

        InstanceAdapters result = synchronizer.sync("uid-pod-2", other, sidecar, List.of(hf("sql")));

        assertThat(other.loadCalls).containsExactly("sql");
        assertThat(result.loaded()).containsExactly("sql");
    }

    @Test
    void loadedIsWhatTheEngineListsNotWhatItAnswered() {
        sidecar.ready("sql");
        engine.acceptedButDropped.add("sql");

        InstanceAdapters result = sync(hf("sql"));

        assertThat(result.loaded()).isEmpty();
        assertThat(result.complete()).isFalse();
        assertThat(result.waiting()).containsKey("sql");
    }

    @Test
    void adaptersStillDownloadingAreWaitingAndNotLoaded() {
        sidecar.downloading("sql");

        InstanceAdapters result = sync(hf("sql"), hf("chat"));

        assertThat(engine.loadCalls).isEmpty();
        assertThat(result.waiting()).containsEntry("sql", "downloading hf://org/sql")
                .containsEntry("chat", "not yet seen by the adapter-sync sidecar");
        assertThat(result.failed()).isEmpty();
        assertThat(result.complete()).isFalse();
    }

    @Test
    void aDownloadFailureIsFailedWithTheSidecarsMessage() {
        sidecar.failed("sql", "RepositoryNotFoundError: 401 Client Error").ready("chat");

        InstanceAdapters result = sync(hf("sql"), hf("chat"));

        assertThat(engine.loadCalls).containsExactly("chat");
        assertThat(result.failed()).containsEntry("sql", "RepositoryNotFoundError: 401 Client Error");
        assertThat(result.loaded()).containsExactly("chat");
    }

    @Test
    void unreachableEngineIsReportedWithoutLoadedAdapters() {
        engine.holding("sql");
        engine.reachable = false;
        sidecar.ready("sql");

        InstanceAdapters result = sync(hf("sql"));

        assertThat(result.reachable()).isFalse();
        assertThat(result.loaded()).isEmpty();
        assertThat(result.waiting()).containsEntry(InstanceAdapters.WHOLE_ENGINE,
                "engine at 10.0.0.7:8000 did not answer: Connection refused");
        assertThat(result.complete()).isFalse();
    }

    @Test
    void unreachableSidecarMakesTheInstanceUnreachable() {
        sidecar.reachable = false;

        InstanceAdapters result = sync(hf("sql"));

        assertThat(result.reachable()).isFalse();
        assertThat(result.waiting().get(InstanceAdapters.WHOLE_ENGINE)).contains("adapter-sync");
        assertThat(engine.loadCalls).isEmpty();
    }

    @Test
    void engineLostDuringLoadsIsUnreachableNotFailed() {
        sidecar.ready("a", "b");
        engine.failAfterLoads = 1;

        InstanceAdapters result = sync(hf("a"), hf("b"));

        assertThat(result.reachable()).isFalse();
        assertThat(result.failed()).isEmpty();
    }

    @Test
    void anEmptyWantedListOnAnIdleEngineIsComplete() {
        InstanceAdapters result = sync();

        assertThat(result.complete()).isTrue();
        assertThat(result.loaded()).isEmpty();
    }
}
