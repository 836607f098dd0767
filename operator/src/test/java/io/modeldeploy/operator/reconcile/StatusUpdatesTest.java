package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.MutableClock;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.status.Conditions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An exception no flow expected still reaches the user: in status and as an Event, once per new error. */
class StatusUpdatesTest {
    private final RecordingEvents events = new RecordingEvents();
    private final StatusUpdates updates = new StatusUpdates(new MutableClock(), events);

    @Test
    void anUnexpectedErrorIsReadyFalseReconcileErrorWithAWarningAndKeepsTheRestOfTheStatus() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        ModelDeploymentStatus running = new ModelDeploymentStatus();
        running.setPhase(Phase.Running);
        md.setStatus(running);

        ErrorStatusUpdateControl<ModelDeployment> control = updates.toErrorControl(md,
                new IllegalStateException("the API server refused the Deployment: spec.template invalid"));

        ModelDeploymentStatus written = control.getResource().orElseThrow().getStatus();
        assertThat(written.getPhase()).isEqualTo(Phase.Running);
        assertThat(Conditions.find(written.getConditions(), Conditions.READY).orElseThrow())
                .satisfies(c -> {
                    assertThat(c.getStatus()).isEqualTo("False");
                    assertThat(c.getReason()).isEqualTo("ReconcileError");
                    assertThat(c.getMessage()).isEqualTo(
                            "IllegalStateException: the API server refused the Deployment: spec.template invalid");
                });
        assertThat(events.reasons()).containsExactly("Warning ReconcileError");

        md.setStatus(written);
        assertThat(updates.toErrorControl(md, new IllegalStateException(
                "the API server refused the Deployment: spec.template invalid")).getResource()).isEmpty();
        assertThat(events.recorded).hasSize(1);
    }

    @Test
    void aLongMessageIsCut() {
        ModelDeployment md = Fixtures.vllmQuickStart();

        ModelDeploymentStatus written = updates.toErrorControl(md, new RuntimeException("x".repeat(5000)))
                .getResource().orElseThrow().getStatus();

        assertThat(Conditions.find(written.getConditions(), Conditions.READY).orElseThrow().getMessage())
                .hasSize(303).endsWith("...");
    }

    @Test
    void aRefusalByTheApiServerIsToldInItsOwnWordsNotAsTheRequestLine() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        var refused = new KubernetesClientException(new StatusBuilder().withCode(422)
                .withMessage("Ingress.extensions \"qwen-chat\" is invalid: spec.ingressClassName: Invalid value").build());

        ModelDeploymentStatus written = updates.toErrorControl(md, new OperatorException(refused))
                .getResource().orElseThrow().getStatus();

        assertThat(Conditions.find(written.getConditions(), Conditions.READY).orElseThrow().getMessage()).isEqualTo(
                "the API server refused a change (422): Ingress.extensions \"qwen-chat\" is invalid:"
                        + " spec.ingressClassName: Invalid value");
    }

    @Test
    void aNewDeploymentsFirstPhaseIsNoEventButEveryLaterChangeIs() {
        ModelDeployment md = Fixtures.vllmQuickStart();

        ModelDeployment written = updates.toControl(md, withPhase(Phase.Pending)).getResource().orElseThrow();
        assertThat(events.recorded).isEmpty();

        md.setStatus(written.getStatus());
        updates.toControl(md, withPhase(Phase.Starting));
        assertThat(events.reasons()).containsExactly("Normal Starting");
    }

    @Test
    void aDeploymentRefusedAtOnceGetsAWarning() {
        ModelDeployment md = Fixtures.vllmQuickStart();

        updates.toControl(md, withPhase(Phase.Failed));

        assertThat(events.reasons()).containsExactly("Warning Failed");
    }

    private static ModelDeploymentStatus withPhase(Phase phase) {
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setPhase(phase);
        status.setConditions(java.util.List.of(Conditions.of(Conditions.READY, false, phase.name(), "", 1L)));
        return status;
    }
}
