package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.modeldeploy.operator.reconcile.FlowFixture.delay;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every branch of a LoRA service's flow (spec.lora.baseRef): its status follows the base's instances, and its
 * deletion waits, for a while, until they no longer hold its adapter. No cluster writes, no engines.
 */
class LoraServiceFlowTest {
    private static final String BASE = "qwen-base";
    private static final String ADAPTER = "sql-lora";

    private final FlowFixture f = new FlowFixture();
    private final LoraServiceFlow flow = f.loraServiceFlow();
    /** qwen-chat, serving sql-lora on qwen-base. */
    private final ModelDeployment service = Fixtures.lora();
    private final List<ModelDeployment> neighbours = new ArrayList<>();

    private FakeContext context() {
        return new FakeContext().withDeployments(Stream.concat(Stream.of(service), neighbours.stream())
                .toArray(ModelDeployment[]::new));
    }

    private UpdateControl<ModelDeployment> reconcile() {
        return f.reconcile(flow, service, context());
    }

    private DeleteControl cleanup() {
        return flow.cleanup(f.resolved(service), service, context());
    }

    /** The base in the namespace, in {@code phase}, its one instance holding {@code held}. */
    private ModelDeployment base(Phase phase, String... held) {
        ModelDeployment base = FlowFixture.loraBase(BASE, phase, held);
        neighbours.add(base);
        return base;
    }

    private String condition(String type) {
        return FlowFixture.condition(service, type);
    }

    private String message(String type) {
        return FlowFixture.message(service, type);
    }

    private void assertPendingOnTheBase(UpdateControl<ModelDeployment> control, String reason) {
        assertThat(service.getStatus().getPhase()).isEqualTo(Phase.Pending);
        assertThat(condition("Ready")).isEqualTo("False " + reason);
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(5));
    }

    // ---------------------------------------------------------------- status

    @Test
    void aMissingBaseIsReportedAndLookedForAgainIn5Seconds() {
        UpdateControl<ModelDeployment> control = reconcile();

        assertPendingOnTheBase(control, "BaseNotFound");
        assertThat(message("Ready")).isEqualTo("base ModelDeployment qwen-base does not exist in this namespace");
    }

    @Test
    void aBaseOnItsWayOutCountsAsMissing() {
        base(Phase.Running, ADAPTER).getMetadata().setDeletionTimestamp("2025-01-01T09:59:00Z");

        assertPendingOnTheBase(reconcile(), "BaseNotFound");
    }

    @Test
    void aBaseOnAManagedTargetIsADegradedStateTheUserMustChange() {
        FlowFixture.managed(base(Phase.Running, ADAPTER));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(service.getStatus().getPhase()).isEqualTo(Phase.Pending);
        assertThat(condition("Ready")).isEqualTo("False BaseOnManagedTarget");
        assertThat(condition("Degraded")).isEqualTo("True BaseOnManagedTarget");
        assertThat(message("Degraded")).startsWith("base qwen-base runs on AlayaNeW: give this LoRA service the same spec.target");
        assertThat(f.events.reasons()).contains("Warning BaseOnManagedTarget");
        assertThat(control.getScheduleDelay()).isEmpty();
    }

    @Test
    void aBaseWithoutLoraEnabledIsReported() {
        base(Phase.Running).getSpec().setAdapters(null);

        UpdateControl<ModelDeployment> control = reconcile();

        assertPendingOnTheBase(control, "BaseLoraDisabled");
        assertThat(message("Ready")).contains("give it spec.adapters");
    }

    @Test
    void aBaseNotRunningYetIsWaitedFor() {
        base(Phase.Starting);

        UpdateControl<ModelDeployment> control = reconcile();

        assertPendingOnTheBase(control, "BaseNotReady");
        assertThat(message("Ready")).isEqualTo("base qwen-base is Starting");
    }

    @Test
    void everyInstanceOfTheRunningBaseHoldingTheAdapterMakesTheServiceRunningWithNoRecheck() {
        base(Phase.Running, "other-lora", ADAPTER);

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(service.getStatus().getPhase()).isEqualTo(Phase.Running);
        assertThat(condition("Ready")).isEqualTo("True AllAdaptersLoaded");
        assertThat(service.getStatus().getInstances()).extracting(InstanceStatus::getLoraModels)
                .containsExactly(List.of(ADAPTER));
        assertThat(service.getStatus().getServiceUrl()).isEqualTo("http://qwen-base.team-a.svc:8000/v1");
        assertThat(control.getScheduleDelay()).isEmpty();
    }

    @Test
    void aBaseInstanceWithoutTheAdapterYetKeepsTheServiceStartingAndLookedAt() {
        base(Phase.Running, "other-lora");

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(service.getStatus().getPhase()).isEqualTo(Phase.Starting);
        assertThat(condition("AdaptersReady")).isEqualTo("False AdaptersLoading");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLoadTheBasesEngineRefusedIsReportedWithTheEnginesOwnMessage() {
        base(Phase.Running);
        f.reports.publish(new ResourceID(BASE, Fixtures.NAMESPACE), Map.of(BASE + "-a",
                new InstanceAdapters(true, List.of(), Map.of(ADAPTER, "rank 64 exceeds --max-lora-rank 16"), Map.of())));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(condition("Degraded")).isEqualTo("True AdapterLoadFailed");
        assertThat(message("Degraded")).isEqualTo("adapter sql-lora on pod qwen-base-a: rank 64 exceeds --max-lora-rank 16");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anAdapterNameAnOlderServiceOnTheSameBaseServesIsAConflict() {
        base(Phase.Running, ADAPTER);
        ModelDeployment older = Fixtures.lora();
        older.getMetadata().setName("older-sql");
        older.getMetadata().setUid("older-sql-uid");
        older.getMetadata().setCreationTimestamp("2025-01-01T08:00:00Z");
        service.getMetadata().setCreationTimestamp("2025-01-01T09:00:00Z");
        neighbours.add(older);

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(service.getStatus().getPhase()).isEqualTo(Phase.Starting);
        assertThat(condition("AdaptersReady")).isEqualTo("False AdapterNameConflict");
        assertThat(condition("Degraded")).isEqualTo("True AdapterNameConflict");
        assertThat(message("AdaptersReady")).isEqualTo("adapter sql-lora is already served by another deployment on qwen-base");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(5));
    }

    // ---------------------------------------------------------------- deletion

    private void deletedAt(Duration ago) {
        service.getMetadata().setDeletionTimestamp(f.clock.instant().minus(ago).toString());
    }

    @ParameterizedTest(name = "a {0} base holding {1}: {2}")
    @CsvSource({
            "Running, sql-lora, 'keep finalizer, again in PT2S'",
            "Running, other-lora, remove finalizer",
            "Stopping, sql-lora, remove finalizer"})
    void deletionWaitsOnlyWhileARunningBaseStillHoldsTheAdapter(Phase phase, String held, String outcome) {
        base(phase, held);
        deletedAt(Duration.ofSeconds(10));

        assertThat(FlowFixture.outcome(cleanup())).isEqualTo(outcome);
        assertThat(f.events.recorded).isEmpty();
    }

    @Test
    void aDeletionWaitingOnItsBaseWakesTheBaseEachTime() {
        ModelDeployment base = base(Phase.Running, ADAPTER);
        deletedAt(Duration.ofSeconds(10));

        cleanup();
        cleanup();

        // The base may have read the service from a cache that did not show the deletion yet, and then nothing
        // else wakes it: the service's adapter stayed loaded until the two minutes ran out (make chaos).
        String baseId = base.getMetadata().getNamespace() + "/" + BASE;
        assertThat(f.wokenBases).containsExactly(baseId, baseId);
    }

    @Test
    void aDeletionThatWaitsForNothingWakesNoBase() {
        base(Phase.Running, "other-lora");
        deletedAt(Duration.ofSeconds(10));

        cleanup();

        assertThat(f.wokenBases).isEmpty();
    }

    @Test
    void aBaseThatNeverUnloadsHoldsTheDeletionTwoMinutesAtMost() {
        base(Phase.Running, ADAPTER);
        deletedAt(Duration.ZERO);

        f.clock.advance(Duration.ofMinutes(2));
        assertThat(FlowFixture.outcome(cleanup())).isEqualTo("keep finalizer, again in PT2S");

        f.clock.advance(Duration.ofSeconds(1));
        assertThat(FlowFixture.outcome(cleanup())).isEqualTo("remove finalizer");
        assertThat(f.events.recorded).containsExactly(
                "Warning UnloadTimedOut: base qwen-base still holds [sql-lora] after 2 minutes; deleting anyway");
    }

    @Test
    void aGoneBaseLetsTheServiceGoAtOnce() {
        deletedAt(Duration.ofSeconds(10));

        assertThat(FlowFixture.outcome(cleanup())).isEqualTo("remove finalizer");
    }
}
