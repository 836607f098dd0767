package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.api.v1alpha1.Adapter;
import io.modeldeploy.operator.deployment.AdapterLocation;
import io.modeldeploy.operator.engine.SyncedAdapter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What one engine must do, from what is wanted, what its sidecar has on disk and what it holds. */
class AdapterPlanTest {

    static AdapterLocation location(String name, String uri) {
        return AdapterLocation.of(name, uri);
    }

    static AdapterLocation hf(String name) {
        return location(name, "hf://org/" + name);
    }

    private static SyncedAdapter state(String state, String message) {
        return new SyncedAdapter(state, "/adapters/x", message);
    }

    @Test
    void wantedAdapterOnDiskAndNotHeldIsLoaded() {
        AdapterPlan plan = AdapterPlan.of(List.of(hf("sql")), Map.of("sql", state("Ready", null)), Set.of());

        assertThat(plan.toLoad()).extracting(AdapterLocation::name).containsExactly("sql");
        assertThat(plan.toUnload()).isEmpty();
        assertThat(plan.waiting()).isEmpty();
        assertThat(plan.syncFailed()).isEmpty();
    }

    @Test
    void engineHoldingExactlyTheWantedAdaptersHasNothingToDo() {
        AdapterPlan plan = AdapterPlan.of(List.of(hf("a"), hf("b")),
                Map.of("a", state("Ready", null), "b", state("Ready", null)), Set.of("a", "b"));

        assertThat(plan).isEqualTo(new AdapterPlan(List.of(), List.of(), Map.of(), Map.of()));
    }

    @Test
    void heldAdapterIsKeptWhateverTheSidecarSaysNow() {
        AdapterPlan plan = AdapterPlan.of(List.of(hf("a"), hf("b")), Map.of("b", state("Failed", "gone")), Set.of("a", "b"));

        assertThat(plan.toLoad()).isEmpty();
        assertThat(plan.waiting()).isEmpty();
        assertThat(plan.syncFailed()).isEmpty();
    }

    @Test
    void heldAdaptersNoLongerWantedAreUnloadedInNameOrder() {
        AdapterPlan plan = AdapterPlan.of(List.of(hf("keep")), Map.of("keep", state("Ready", null)), Set.of("zeta", "keep", "alpha"));

        assertThat(plan.toUnload()).containsExactly("alpha", "zeta");
    }

    @Test
    void adapterTheSidecarHasNotSeenYetIsWaiting() {
        AdapterPlan plan = AdapterPlan.of(List.of(hf("sql")), Map.of(), Set.of());

        assertThat(plan.toLoad()).isEmpty();
        assertThat(plan.waiting()).containsOnlyKeys("sql");
        assertThat(plan.waiting().get("sql")).contains("not yet seen by the adapter-sync sidecar");
    }

    @Test
    void downloadingAdapterIsWaitingWithItsUri() {
        AdapterPlan plan = AdapterPlan.of(List.of(hf("sql")), Map.of("sql", state("Downloading", null)), Set.of());

        assertThat(plan.toLoad()).isEmpty();
        assertThat(plan.waiting()).containsEntry("sql", "downloading hf://org/sql");
    }

    @Test
    void adapterTheSidecarCouldNotFetchIsFailedWithItsMessage() {
        AdapterPlan plan = AdapterPlan.of(List.of(hf("sql"), hf("chat")),
                Map.of("sql", state("Failed", "RepositoryNotFoundError: 404"), "chat", state("Failed", null)), Set.of());

        assertThat(plan.toLoad()).isEmpty();
        assertThat(plan.syncFailed()).containsEntry("sql", "RepositoryNotFoundError: 404")
                .containsEntry("chat", "download failed");
        assertThat(plan.waiting()).isEmpty();
    }

    @Test
    void sidecarStatesAreReadCaseInsensitively() {
        AdapterPlan plan = AdapterPlan.of(List.of(hf("a"), hf("b")),
                Map.of("a", state("ready", null), "b", state("FAILED", "x")), Set.of());

        assertThat(plan.toLoad()).extracting(AdapterLocation::name).containsExactly("a");
        assertThat(plan.syncFailed()).containsOnlyKeys("b");
    }

    @Test
    void adaptersAreLoadedInSpecOrderWithTheirPathInThePod() {
        AdapterPlan plan = AdapterPlan.of(List.of(hf("zeta"), location("alpha", "pvc://loras/alpha")),
                Map.of("zeta", state("Ready", null), "alpha", state("Ready", null)), Set.of());

        assertThat(plan.toLoad()).extracting(AdapterLocation::name, AdapterLocation::pathInPod)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("zeta", hf("zeta").pathInPod()),
                        org.assertj.core.groups.Tuple.tuple("alpha", "/adapter-claims/loras/alpha"));
    }

    @Test
    void nothingWantedUnloadsEverything() {
        AdapterPlan plan = AdapterPlan.of(List.of(), Map.of("a", state("Ready", null)), Set.of("a"));

        assertThat(plan.toUnload()).containsExactly("a");
        assertThat(plan.toLoad()).isEmpty();
    }

    @Test
    void aNewVersionReplacesTheHeldOneOnlyOnceItIsOnDisk() {
        AdapterLocation v2 = location("sql", "hf://org/sql@v2");
        Map<String, String> heldV1 = Map.of("sql", location("sql", "hf://org/sql@v1").pathInPod());

        AdapterPlan downloading = AdapterPlan.of(List.of(v2), Map.of("sql", state("Downloading", null)), heldV1);
        assertThat(downloading.toUnload()).isEmpty();
        assertThat(downloading.toLoad()).isEmpty();
        assertThat(downloading.waiting()).containsKey("sql");

        AdapterPlan ready = AdapterPlan.of(List.of(v2), Map.of("sql", state("Ready", null)), heldV1);
        assertThat(ready.toUnload()).containsExactly("sql");
        assertThat(ready.toLoad()).containsExactly(v2);
    }

    @Test
    void anAdapterHeldFromItsWantedPathOrAnUnknownOneIsLeftAlone() {
        AdapterLocation sql = hf("sql");
        java.util.Map<String, String> unknown = new java.util.HashMap<>();
        unknown.put("sql", null);

        assertThat(AdapterPlan.of(List.of(sql), Map.of(), Map.of("sql", sql.pathInPod())).toLoad()).isEmpty();
        assertThat(AdapterPlan.of(List.of(sql), Map.of(), unknown).toLoad()).isEmpty();
        assertThat(AdapterPlan.of(List.of(sql), Map.of(), unknown).toUnload()).isEmpty();
    }
}
