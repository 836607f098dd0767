package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.DeletionPolicy;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.TargetStatus;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.provider.ManagedProvider;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorNames;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.modeldeploy.operator.reconcile.FlowFixture.delay;
import static org.assertj.core.api.Assertions.assertThat;

/** Every branch of the managed lifecycle against a vendor in memory: no cluster, no HTTP. */
class ManagedFlowTest {
    private static final String CREDENTIALS = FlowFixture.VENDOR_CREDENTIALS;

    private FlowFixture f;
    private ManagedFlow flow;
    private ModelDeployment md;
    private String vendorName;

    @BeforeEach
    void setUp() {
        f = new FlowFixture();
        flow = f.managedFlow();
        md = FlowFixture.managed(Fixtures.vllmQuickStart());
        vendorName = VendorNames.of(DeploymentRef.of(md));
        f.cluster.with(FlowFixture.vendorCredentials());
    }

    private UpdateControl<ModelDeployment> reconcile() {
        return f.reconcile(flow, md, new FakeContext().seeing(f.cluster));
    }

    private DeleteControl cleanup() {
        return flow.cleanup(md, new FakeContext().seeing(f.cluster));
    }

    private String condition(String type) {
        return FlowFixture.condition(md, type);
    }

    /** Status says a create was sent, but its answer never reached status. */
    private void createSent() {
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setTarget(new TargetStatus());
        status.getTarget().setCreateSentTime("2026-11-30T12:00:00Z");
        md.setStatus(status);
    }

    private void runningWith(int replicas) {
        f.runningAtVendor(md, "svc-9", replicas);
    }

    // ---------------------------------------------------------------- create

    @Test
    void recordsTheCreateInStatusBeforeSendingItThenCreatesOnceAndWritesItsIdBeforeAnythingElse() {
        UpdateControl<ModelDeployment> recorded = reconcile();

        assertThat(f.vendor.calls).containsExactly("find " + vendorName);
        assertThat(md.getStatus().getTarget().getCreateSentTime()).isEqualTo(f.clock.instant().toString());
        assertThat(md.getStatus().getTarget().getExternalId()).isNull();
        assertThat(condition("Ready")).isEqualTo("False VendorCreating");
        assertThat(delay(recorded)).isLessThan(Duration.ofSeconds(1));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.vendor.calls).containsExactly("find " + vendorName, "find " + vendorName, "create " + vendorName);
        assertThat(md.getStatus().getTarget().getCreateSentTime()).as("kept").isNotNull();
        assertThat(md.getStatus().getTarget().getExternalId()).isEqualTo("svc-1");
        assertThat(md.getStatus().getServiceId()).isEqualTo("svc-1");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(2));
        assertThat(f.events.recorded).contains("Normal VendorServiceCreated: AlayaNeW service svc-1 created as " + vendorName);
        assertThat(f.credentials.held).containsExactly(CREDENTIALS);
    }

    @Test
    void aCreateWhoseAnswerNeverReachedStatusIsFoundByNameNotRepeated() {
        f.vendor.put("svc-7", vendorName, Phase.Starting, 2);

        reconcile();

        assertThat(f.vendor.calls).containsExactly("find " + vendorName);
        assertThat(md.getStatus().getTarget().getExternalId()).isEqualTo("svc-7");
        assertThat(f.events.reasons()).doesNotContain("Normal VendorServiceCreated");
    }

    @Test
    void aProviderThisOperatorDoesNotImplementFailsTheSpec() {
        md.getSpec().getTarget().setProvider(Provider.ZStack);

        reconcile();

        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Failed);
        assertThat(condition("Ready")).isEqualTo("False ProviderNotSupported");
        assertThat(f.vendor.calls).isEmpty();
    }

    @Test
    void aMissingCredentialsSecretIsReportedAndRetriedSlowlyWithoutCallingTheVendor() {
        md.getSpec().getTarget().getCredentialsSecretRef().setName("nowhere");

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.vendor.calls).isEmpty();
        assertThat(condition("Ready")).isEqualTo("False CredentialsInvalid");
        assertThat(f.events.recorded).anySatisfy(e -> assertThat(e).startsWith("Warning CredentialsInvalid")
                .contains("Secret nowhere does not exist"));
        assertThat(delay(control)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusedCredentialsAreTriedAgainAfterTheConfiguredRecheckNotSooner() {
        f.credentialsRecheck = Duration.ofSeconds(7);
        flow = f.managedFlow();
        f.vendor.failures.add(VendorException.credentials("signature does not match"));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(condition("Ready")).isEqualTo("False CredentialsInvalid");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aLoraServiceWaitsForItsBasesVendorService() {
        ModelDeployment service = FlowFixture.managed(Fixtures.lora());
        md = service;

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.vendor.calls).containsExactly("find " + VendorNames.of(DeploymentRef.of(service)));
        assertThat(condition("Ready")).isEqualTo("False BaseNotReady");
        assertThat(md.getStatus().getConditions()).anySatisfy(c -> assertThat(c.getMessage())
                .isEqualTo("base qwen-base does not exist in this namespace"));
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aSecretNotLabelledAsVendorCredentialsIsNeitherReadNorHeld() {
        Secret unlabelled = FlowFixture.vendorCredentials();
        unlabelled.getMetadata().setLabels(null);
        f.cluster.with(unlabelled);

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.vendor.calls).isEmpty();
        assertThat(f.credentials.held).isEmpty();
        assertThat(condition("Ready")).isEqualTo("False CredentialsNotAllowed");
        assertThat(FlowFixture.message(md, "Ready")).contains("modeldeploy.io/secret-type=vendor-credentials");
        assertThat(f.events.reasons()).contains("Warning CredentialsNotAllowed");
        assertThat(delay(control)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aServiceAccountTokenIsNeverUsedEvenWhenLabelled() {
        Secret token = FlowFixture.vendorCredentials();
        token.setType("kubernetes.io/service-account-token");
        f.cluster.with(token);

        reconcile();

        assertThat(f.vendor.calls).isEmpty();
        assertThat(condition("Ready")).isEqualTo("False CredentialsNotAllowed");
        assertThat(FlowFixture.message(md, "Ready")).contains("ServiceAccount token");
    }

    @Test
    void aDeploymentWhoseCredentialsWereNeverAllowedIsDeletedWithoutWaitingForTheVendor() {
        Secret unlabelled = FlowFixture.vendorCredentials();
        unlabelled.getMetadata().setLabels(null);
        f.cluster.with(unlabelled);
        createSent();

        assertThat(cleanup().isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).isEmpty();
        assertThat(f.events.reasons()).containsExactly("Warning VendorCleanupSkipped");
    }

    // ---------------------------------------------------------------- steady state and lifecycle

    @Test
    void aRunningServiceAsSpecifiedIsLookedAtAgainInAMinuteAndNothingIsAsked() {
        runningWith(2);

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.vendor.calls).containsExactly("get svc-9");
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Running);
        assertThat(condition("Ready")).isEqualTo("True VendorServing");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void replicasAreScaledThroughTheVendorsCall() {
        runningWith(1);

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(f.vendor.calls).containsExactly("get svc-9", "scale svc-9 2");
        assertThat(f.events.recorded).contains("Normal VendorScaleRequested: asked AlayaNeW to scale svc-9 to 2");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aScaleTheVendorCannotDoIsSaidOnceInAConditionAndAnEvent() {
        f.vendor.capabilities = new ManagedProvider.Capabilities(false, true, false);
        runningWith(1);

        reconcile();
        reconcile();

        assertThat(f.vendor.calls).containsExactly("get svc-9", "get svc-9");
        assertThat(condition("OperationNotSupported")).isEqualTo("True OperationNotSupported");
        assertThat(f.events.reasons()).containsOnlyOnce("Warning OperationNotSupported");
    }

    @Test
    void stoppedStopsAndUnstoppedStartsWhereTheVendorCan() {
        runningWith(2);
        md.getSpec().setStopped(true);

        reconcile();
        assertThat(f.vendor.calls).containsExactly("get svc-9", "stop svc-9");
        assertThat(f.events.reasons()).contains("Normal VendorStopRequested");

        f.vendor.put("svc-9", vendorName, Phase.Stopped, 0);
        md.getSpec().setStopped(false);
        f.vendor.calls.clear();
        reconcile();
        assertThat(f.vendor.calls).containsExactly("get svc-9", "start svc-9");
        assertThat(f.events.reasons()).contains("Normal VendorStartRequested");
    }

    @Test
    void aStopTheVendorCannotDoIsReportedAndTheServiceKeepsRunning() {
        f.vendor.capabilities = new ManagedProvider.Capabilities(true, false, false);
        runningWith(2);
        md.getSpec().setStopped(true);

        reconcile();

        assertThat(f.vendor.calls).containsExactly("get svc-9");
        assertThat(condition("OperationNotSupported")).isEqualTo("True OperationNotSupported");
        assertThat(md.getStatus().getConditions()).anySatisfy(c -> assertThat(c.getMessage())
                .contains("spec.stopped: AlayaNeW publishes no stop call"));
    }

    @Test
    void aSpecChangeTheVendorCannotApplyIsReportedNeverIgnored() {
        runningWith(2);
        md.getSpec().getModel().setId("Qwen/Qwen2.5-14B-Instruct");

        reconcile();

        assertThat(condition("OperationNotSupported")).isEqualTo("True OperationNotSupported");
        assertThat(f.events.recorded).anySatisfy(e -> assertThat(e).startsWith("Warning OperationNotSupported")
                .contains("spec changed after the AlayaNeW service was created"));
    }

    @Test
    void aServiceAWrongEndpointCannotFindIsNotForgottenWhenTheListSaysTheEndpointIsWrong() {
        runningWith(2);
        f.vendor.services.clear();
        f.vendor.findFailures.add(VendorException.endpointInvalid("GET https://wrong.example/deployment/list answered 404"));

        reconcile();

        assertThat(f.vendor.calls).containsExactly("get svc-9", "find " + vendorName);
        assertThat(md.getStatus().getTarget().getExternalId()).isEqualTo("svc-9");
        assertThat(condition("Ready")).isEqualTo("False EndpointInvalid");
        assertThat(f.events.reasons()).doesNotContain("Warning VendorServiceGone");
    }

    @Test
    void aServiceThatVanishedIsForgottenSoTheNextReconcileCreatesItAgain() {
        runningWith(2);
        f.vendor.services.clear();
        f.vendor.idsByName.clear();

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(md.getStatus().getTarget().getExternalId()).isNull();
        assertThat(f.events.reasons()).contains("Warning VendorServiceGone");
        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(2));

        reconcile();
        assertThat(f.vendor.calls).endsWith("create " + vendorName);
    }

    @Test
    void aKeyTheVendorIssuesGoesToTheApiKeySecretOnceAndNeverToStatus() {
        runningWith(2);
        f.vendor.services.put("svc-9", FakeProvider.service("svc-9", Phase.Running, 2, Optional.of("sk-vendor-issued")));

        reconcile();
        assertThat(f.cluster.created).containsExactly("Secret/qwen-chat-api-key");
        Secret key = f.cluster.get(Secret.class, "qwen-chat-api-key").orElseThrow();
        assertThat(SecretValues.of(key)).containsEntry("apiKey", "sk-vendor-issued");
        assertThat(md.getStatus().getApiKeySecret()).isEqualTo("qwen-chat-api-key");
        assertThat(md.getStatus().toString()).doesNotContain("sk-vendor-issued");

        f.cluster.forgetWrites();
        reconcile();
        assertThat(f.cluster.writes()).isEmpty();
    }

    // ---------------------------------------------------------------- vendor faults

    @Test
    void aVendorDownForLongIsStillAskedOnceAMinute() {
        for (int i = 0; i < 8; i++) {
            f.vendor.failures.add(VendorException.transientFailure("503", null));
        }

        List<Duration> waits = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waits.add(delay(reconcile()));
        }

        // Five minutes between tries left a deployment idle up to five minutes after a two-minute outage ended
        // (make chaos, vendor storm: converged 169 s after the vendor was healthy again).
        assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofMinutes(1));
    }

    @Test
    void anUnansweringVendorIsRetriedWithDoublingWaitsThatAnyAnswerResets() {
        f.vendor.failures.add(VendorException.transientFailure("connection refused", null));
        f.vendor.failures.add(VendorException.transientFailure("connection refused", null));

        Duration first = delay(reconcile());
        Duration second = delay(reconcile());
        assertThat(condition("Ready")).isEqualTo("False VendorUnavailable");
        reconcile();
        f.vendor.failures.add(VendorException.transientFailure("connection refused", null));
        Duration afterAnAnswer = delay(reconcile());

        assertThat(List.of(first, second, afterAnAnswer))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(10));
        assertThat(f.events.reasons()).doesNotContain("Warning VendorUnavailable");
    }

    @Test
    void throttlingWaitsAsLongAsTheVendorAsks() {
        f.vendor.failures.add(VendorException.rateLimited("slow down", Duration.ofSeconds(42)));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(delay(control)).isEqualTo(Duration.ofSeconds(42));
        assertThat(condition("Ready")).isEqualTo("False VendorRateLimited");
    }

    @Test
    void aRefusalBeforeTheServiceExistsFailsTheDeployment() {
        f.vendor.failures.add(VendorException.refused("model not in catalogue"));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Failed);
        assertThat(condition("Ready")).isEqualTo("False VendorRefused");
        assertThat(f.events.recorded).contains("Warning VendorRefused: AlayaNeW: model not in catalogue");
        assertThat(delay(control)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void rejectedCredentialsAreReportedAndRetriedSlowly() {
        runningWith(2);
        f.vendor.failures.add(VendorException.credentials("signature does not match"));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(condition("Degraded")).isEqualTo("True CredentialsInvalid");
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Running);
        assertThat(delay(control)).isEqualTo(Duration.ofMinutes(5));
    }

    // ---------------------------------------------------------------- deletion

    @Test
    void deletionDeletesTheVendorServiceThenLetsGoOfTheCredentials() {
        runningWith(2);

        DeleteControl control = cleanup();

        assertThat(control.isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).containsExactly("find " + vendorName, "delete svc-9");
        assertThat(f.credentials.finished).containsExactly(Fixtures.UID);
    }

    @Test
    void deletionWaitsWhileTheVendorIsStillDeleting() {
        runningWith(2);
        f.vendor.deleteCompletesAtOnce = false;

        DeleteControl control = cleanup();

        assertThat(control.isRemoveFinalizer()).isFalse();
        assertThat(control.getScheduleDelay()).contains(Duration.ofSeconds(10).toMillis());
        assertThat(f.credentials.finished).isEmpty();
    }

    @Test
    void deletionFindsAServiceWhoseIdNeverReachedStatus() {
        f.vendor.put("svc-3", vendorName, Phase.Starting, 2);
        createSent();

        assertThat(cleanup().isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).containsExactly("find " + vendorName, "delete svc-3");
    }

    @Test
    void retainLeavesTheVendorServiceAlone() {
        runningWith(2);
        md.getSpec().getTarget().setDeletionPolicy(DeletionPolicy.Retain);

        assertThat(cleanup().isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).isEmpty();
        assertThat(f.events.reasons()).containsExactly("Normal VendorServiceRetained");
    }

    @Test
    void theSkipAnnotationLetsGoAtOnceNamingTheServiceLeftBehind() {
        runningWith(2);
        f.vendor.failures.add(VendorException.transientFailure("never answers", null));
        md.getMetadata().setAnnotations(Map.of(ManagedFlow.SKIP_VENDOR_CLEANUP, "true"));

        assertThat(cleanup().isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).isEmpty();
        assertThat(f.events.recorded).containsExactly("Warning VendorCleanupSkipped: modeldeploy.io/skip-vendor-cleanup:"
                + " the AlayaNeW service svc-9 is left behind; delete it on the platform");
        assertThat(f.credentials.finished).containsExactly(Fixtures.UID);
    }

    @Test
    void anyOtherValueOfTheSkipAnnotationStillDeletesAtTheVendor() {
        runningWith(2);
        md.getMetadata().setAnnotations(Map.of(ManagedFlow.SKIP_VENDOR_CLEANUP, "yes"));

        assertThat(cleanup().isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).containsExactly("find " + vendorName, "delete svc-9");
    }

    @Test
    void aFailedDeleteIsReportedAndRetriedWithoutReleasingTheFinalizer() {
        runningWith(2);
        f.vendor.failures.add(VendorException.transientFailure("503", null));

        DeleteControl control = cleanup();

        assertThat(control.isRemoveFinalizer()).isFalse();
        assertThat(control.getScheduleDelay()).contains(Duration.ofSeconds(10).toMillis());
        assertThat(f.events.recorded).contains("Warning VendorDeleteFailed: AlayaNeW: 503");
    }

    @Test
    void aFinishedDeploymentsRepeatedCleanupNeedsNoVendorAndNoCredentials() {
        runningWith(2);
        f.credentials.finished.add(Fixtures.UID);

        assertThat(cleanup().isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).isEmpty();
    }

    @Test
    void aKnownServiceBehindAnEndpointThatIsNotTheApiIsNeverTakenForGone() {
        runningWith(2);
        f.vendor.findFailures.add(VendorException.endpointInvalid("GET https://wrong.example/deployment/list answered 404"));

        DeleteControl control = cleanup();

        assertThat(control.isRemoveFinalizer()).isFalse();
        assertThat(f.vendor.calls).as("no delete whose 404 would read as gone").containsExactly("find " + vendorName);
        assertThat(control.getScheduleDelay()).contains(ManagedFlow.DELETION_RECHECK.toMillis());
        assertThat(f.events.reasons()).contains("Warning VendorDeleteFailed");
    }

    @Test
    void aSpecThatNoLongerResolvesIsStillDeletedAtTheVendor() {
        runningWith(2);
        md.getSpec().getModel().setId(null);
        assertThat(f.resolver.resolve(md).deployment()).isEmpty();

        assertThat(cleanup().isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).containsExactly("find " + vendorName, "delete svc-9");
    }

    // ---------------------------------------------------------------- tenancy: endpoints, records, conflicts

    @Test
    void aDeploymentForWhichNoCreateWasEverSentLetsGoAtOnceWithoutReadingCredentialsOrCallingTheVendor() {
        f.cluster.delete(FlowFixture.vendorCredentials());
        f.vendor.failures.add(VendorException.endpointInvalid("would never answer"));

        DeleteControl control = cleanup();

        assertThat(control.isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).isEmpty();
        assertThat(f.credentials.held).isEmpty();
        assertThat(f.events.reasons()).containsExactly("Normal VendorCleanupNotNeeded");
        assertThat(f.credentials.finished).containsExactly(Fixtures.UID);
    }

    @Test
    void anEndpointThatDoesNotServeTheVendorsApiIsEndpointInvalidCheckedAgainOnlySlowly() {
        f.vendor.failures.add(VendorException.endpointInvalid(
                "GET https://vendor.example/api/deployment/list answered 404: the endpoint does not serve the API"));

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(condition("Ready")).isEqualTo("False EndpointInvalid");
        assertThat(FlowFixture.message(md, "Ready")).contains("https://vendor.example/api/deployment/list");
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Failed);
        assertThat(f.events.reasons()).contains("Warning EndpointInvalid");
        assertThat(delay(control)).isEqualTo(ManagedFlow.REFUSED_RETRY);
        assertThat(md.getStatus().getTarget() == null || md.getStatus().getTarget().getCreateSentTime() == null)
                .as("no create on record").isTrue();
        assertThat(cleanup().isRemoveFinalizer()).as("so deletion does not wait").isTrue();
    }

    @Test
    void anApiKeySecretSomeoneElseMadeIsNeverTakenOver() {
        runningWith(2);
        f.vendor.services.put("svc-9", FakeProvider.service("svc-9", Phase.Running, 2, Optional.of("sk-vendor-issued")));
        Secret theirs = FlowFixture.secret("qwen-chat-api-key", Map.of("apiKey", "theirs"));
        f.cluster.with(theirs);

        UpdateControl<ModelDeployment> control = reconcile();

        assertThat(condition("Ready")).isEqualTo("False ResourceConflict");
        assertThat(FlowFixture.message(md, "Ready")).contains("Secret qwen-chat-api-key");
        assertThat(f.cluster.writes()).isEmpty();
        assertThat(SecretValues.of(f.cluster.get(Secret.class, "qwen-chat-api-key").orElseThrow()))
                .containsEntry("apiKey", "theirs");
        assertThat(delay(control)).isEqualTo(ManagedFlow.CONFLICT_RECHECK);
        assertThat(md.getStatus().toString()).doesNotContain("sk-vendor-issued");
    }

    @Test
    void aDeletionWhoseEndpointIsNoLongerAllowedSendsNothingAndWaitsForTheUserOrTheSkipAnnotation() {
        runningWith(2);
        md.getSpec().getTarget().setEndpoint("https://evil.example/api");

        DeleteControl control = cleanup();

        assertThat(control.isRemoveFinalizer()).isFalse();
        assertThat(control.getScheduleDelay()).contains(ManagedFlow.DELETION_RECHECK.toMillis());
        assertThat(f.vendor.calls).isEmpty();
        assertThat(f.credentials.held).as("no Secret read for it").isEmpty();
        assertThat(f.events.recorded).anySatisfy(e -> assertThat(e).startsWith("Warning VendorDeleteFailed")
                .contains("is not allowed for AlayaNeW"));

        md.getMetadata().setAnnotations(Map.of(ManagedFlow.SKIP_VENDOR_CLEANUP, "true"));
        assertThat(cleanup().isRemoveFinalizer()).isTrue();
        assertThat(f.vendor.calls).isEmpty();
    }
}
