package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.TargetStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.provider.VendorNames;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.modeldeploy.operator.reconcile.FlowFixture.delay;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciler resolves the spec once and hands it to one flow: each flow here is the real one on the
 * fixture's fakes, so which one ran shows in the writes, the vendor's calls and the status.
 */
class ModelDeploymentReconcilerTest {
    private final FlowFixture f = new FlowFixture();
    private final ModelDeploymentReconciler reconciler = f.reconciler();
    private final ModelDeploymentCleaner cleaner = f.cleaner();

    private FakeContext context(ModelDeployment... deployments) {
        return new FakeContext().seeing(f.cluster).withDeployments(deployments);
    }

    private UpdateControl<ModelDeployment> reconcile(ModelDeployment md) {
        return FlowFixture.statusPatched(md, reconciler.reconcile(md, context(md)));
    }

    private static ModelDeployment withoutModelId(ModelDeployment md) {
        md.getSpec().getModel().setId(null);
        return md;
    }

    private static void observed(ModelDeployment md, long generation) {
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setObservedGeneration(generation);
        md.setStatus(status);
    }

    private void assertNoFlowRan() {
        assertThat(f.cluster.writes()).isEmpty();
        assertThat(f.vendor.calls).isEmpty();
        assertThat(f.engines.opened).isEmpty();
    }

    // ---------------------------------------------------------------- reconcile

    @Test
    void anInvalidInClusterSpecFailsNamingTheFieldAndDeploysNothing() {
        ModelDeployment md = withoutModelId(Fixtures.vllmQuickStart());

        UpdateControl<ModelDeployment> control = reconcile(md);

        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Failed);
        assertThat(FlowFixture.condition(md, "Ready")).isEqualTo("False InvalidSpec");
        assertThat(f.events.recorded).singleElement().asString()
                .startsWith("Warning InvalidSpec: phase - -> Failed: ").contains("spec.model.id");
        assertThat(control.getScheduleDelay()).isEmpty();
        assertNoFlowRan();
    }

    @Test
    void anInvalidManagedSpecFailsWithoutCallingTheVendor() {
        f.cluster.with(FlowFixture.vendorCredentials());
        ModelDeployment md = withoutModelId(FlowFixture.managed(Fixtures.vllmQuickStart()));

        reconcile(md);

        assertThat(FlowFixture.condition(md, "Ready")).isEqualTo("False InvalidSpec");
        assertNoFlowRan();
        assertThat(f.credentials.held).isEmpty();
    }

    @Test
    void anInClusterSpecGoesToTheInClusterFlow() {
        ModelDeployment md = Fixtures.vllmQuickStart();

        reconcile(md);

        // No finalizer: the garbage collector removes what it made, and the first object is made at once.
        assertThat(f.cluster.writes()).containsExactly("create Secret/qwen-chat-api-key", "create NetworkPolicy/qwen-chat", "create Deployment/qwen-chat",
                "create Service/qwen-chat");
        assertThat(md.getMetadata().getFinalizers()).isNullOrEmpty();
        assertThat(f.vendor.calls).isEmpty();
    }

    @Test
    void anEndpointOutsideTheAllowedPrefixesIsInvalidSpecBeforeAnySecretIsRead() {
        f.cluster.with(FlowFixture.vendorCredentials());
        ModelDeployment md = FlowFixture.managed(Fixtures.vllmQuickStart());
        md.getSpec().getTarget().setEndpoint("https://vendor.example.evil.example/api");

        reconcile(md);

        assertThat(FlowFixture.condition(md, "Ready")).isEqualTo("False InvalidSpec");
        assertThat(FlowFixture.message(md, "Ready")).contains("spec.target.endpoint").contains(FakeProvider.ENDPOINT.toString());
        assertThat(f.credentials.held).isEmpty();
        assertNoFlowRan();
    }

    @Test
    void aBadEditKeepsTheVendorIdAndTheRecordOfTheCreateForTheDeletion() {
        f.cluster.with(FlowFixture.vendorCredentials());
        ModelDeployment md = FlowFixture.managed(Fixtures.vllmQuickStart());
        f.runningAtVendor(md, "svc-4", 1);
        md.getStatus().getTarget().setCreateSentTime("2026-11-30T12:00:00Z");

        reconcile(withoutModelId(md));

        assertThat(FlowFixture.condition(md, "Ready")).isEqualTo("False InvalidSpec");
        assertThat(md.getStatus().getTarget().getExternalId()).isEqualTo("svc-4");
        assertThat(md.getStatus().getTarget().getCreateSentTime()).isEqualTo("2026-11-30T12:00:00Z");
    }

    @Test
    void aManagedSpecGoesToTheManagedFlow() {
        f.cluster.with(FlowFixture.vendorCredentials());
        ModelDeployment md = FlowFixture.managed(Fixtures.vllmQuickStart());
        String vendorName = VendorNames.of(DeploymentRef.of(md));

        reconcile(md);

        assertThat(f.vendor.calls).containsExactly("find " + vendorName);
        assertThat(md.getStatus().getTarget().getCreateSentTime()).as("the create, on record before it is sent").isNotNull();
        assertThat(f.cluster.writes()).as("the finalizer, before the vendor is called").containsExactly("finalize ModelDeployment/qwen-chat");
        assertThat(md.hasFinalizer(CleanupFinalizer.NAME)).isTrue();
    }

    @Test
    void aDeploymentThatHoldsTheFinalizerIsNotWrittenAgain() {
        f.cluster.with(FlowFixture.vendorCredentials());
        ModelDeployment md = FlowFixture.managed(Fixtures.vllmQuickStart());
        md.addFinalizer(CleanupFinalizer.NAME);

        reconcile(md);

        assertThat(f.cluster.writes()).isEmpty();
    }

    @Test
    void aLoraServiceGoesToTheLoraServiceFlow() {
        ModelDeployment service = Fixtures.lora();

        UpdateControl<ModelDeployment> control = reconcile(service);

        assertThat(FlowFixture.condition(service, "Ready")).isEqualTo("False BaseNotFound");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(5));
        // Its deletion waits until the base let go of its adapters.
        assertThat(f.cluster.writes()).containsExactly("finalize ModelDeployment/" + service.getMetadata().getName());
        assertThat(f.vendor.calls).isEmpty();
        assertThat(f.engines.opened).isEmpty();
    }

    @Test
    void aLoraServiceOnAVendorGoesToTheManagedFlow() {
        f.cluster.with(FlowFixture.vendorCredentials());
        ModelDeployment service = FlowFixture.managed(Fixtures.lora());

        reconcile(service);

        assertThat(f.vendor.calls).containsExactly("find " + VendorNames.of(DeploymentRef.of(service)));
        assertThat(FlowFixture.condition(service, "Ready")).isEqualTo("False BaseNotReady");
    }

    @Test
    void aNewResourceSweepsNothing() {
        reconcile(Fixtures.vllmQuickStart());

        assertThat(f.credentials.swept).isEmpty();
    }

    @Test
    void aChangedGenerationOfADeploymentThatRanOnAVendorSweepsTheCredentialsOfItsNamespace() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        observed(md, Fixtures.GENERATION - 1);
        md.getStatus().setTarget(new TargetStatus());

        reconcile(md);

        assertThat(f.credentials.swept).containsExactly(Fixtures.NAMESPACE);
    }

    @Test
    void aChangedGenerationOfADeploymentThatNeverRanOnAVendorSweepsNothing() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        observed(md, Fixtures.GENERATION - 1);

        reconcile(md);

        assertThat(f.credentials.swept).isEmpty();
    }

    @Test
    void aGenerationAlreadyObservedSweepsNothing() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        observed(md, Fixtures.GENERATION);

        reconcile(md);

        assertThat(f.credentials.swept).isEmpty();
    }

    // ---------------------------------------------------------------- cleanup

    @Test
    void aManagedDeploymentWhoseSpecNoLongerResolvesIsStillDeletedAtTheVendor() {
        ModelDeployment md = FlowFixture.managed(Fixtures.vllmQuickStart());
        f.cluster.with(FlowFixture.vendorCredentials());
        f.runningAtVendor(md, "svc-9", 2);
        withoutModelId(md);

        DeleteControl control = cleaner.cleanup(md, context(md));

        assertThat(FlowFixture.outcome(control)).isEqualTo("remove finalizer");
        String vendorName = VendorNames.of(DeploymentRef.of(md));
        assertThat(f.vendor.calls).containsExactly("find " + vendorName, "delete svc-9");
        assertThat(f.credentials.finished).containsExactly(Fixtures.UID);
    }

    @Test
    void anInClusterDeploymentWhoseSpecNoLongerResolvesIsLeftToGarbageCollection() {
        ModelDeployment md = withoutModelId(Fixtures.vllmQuickStart());

        DeleteControl control = cleaner.cleanup(md, context(md));

        assertThat(FlowFixture.outcome(control)).isEqualTo("remove finalizer");
        assertNoFlowRan();
    }

    @Test
    void aLoraServicesCleanupGoesToTheLoraServiceFlow() {
        ModelDeployment service = Fixtures.lora();
        service.getMetadata().setDeletionTimestamp(f.clock.instant().toString());
        ModelDeployment base = FlowFixture.loraBase("qwen-base", Phase.Running, "sql-lora");

        DeleteControl control = cleaner.cleanup(service, context(service, base));

        assertThat(FlowFixture.outcome(control)).isEqualTo("keep finalizer, again in PT2S");
    }

}
