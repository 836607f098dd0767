package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A create refused because the namespace is going (or gone) is waited out, not retried, reported or sent as an Event. */
class NamespaceBeingDeletedTest {
    /** As kube-apiserver 1.20 answers a POST into a namespace being deleted. */
    private static Status terminating() {
        return new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("deployments.apps \"qwen\" is forbidden: unable to create new content in namespace team-a"
                        + " because it is being terminated")
                .withNewDetails().withName("qwen").withKind("deployments").withGroup("apps")
                .addNewCause().withReason(NamespaceBeingDeleted.TERMINATING_CAUSE).withField("metadata.namespace")
                .withMessage("namespace team-a is being terminated").endCause().endDetails().build();
    }

    @Test
    void theApiServersRefusalIsKnownWrappedOrNot() {
        KubernetesClientException refused = new KubernetesClientException(terminating());

        assertThat(NamespaceBeingDeleted.refused(refused)).isTrue();
        assertThat(NamespaceBeingDeleted.refused(new OperatorException(new RuntimeException(refused)))).isTrue();
    }

    @Test
    void aNamespaceAlreadyGoneIsKnownByItsNotFoundNamespace() {
        Status gone = new StatusBuilder().withCode(404).withReason("NotFound")
                .withMessage("namespaces \"team-a\" not found")
                .withNewDetails().withName("team-a").withKind("namespaces").endDetails().build();
        Status objectNotFound = new StatusBuilder().withCode(404).withReason("NotFound")
                .withMessage("deployments.apps \"qwen\" not found")
                .withNewDetails().withName("qwen").withKind("deployments").withGroup("apps").endDetails().build();

        assertThat(NamespaceBeingDeleted.refused(new KubernetesClientException(gone))).isTrue();
        assertThat(NamespaceBeingDeleted.refused(new KubernetesClientException(objectNotFound))).isFalse();
    }

    @Test
    void otherRefusalsAreNot() {
        Status quota = new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("pods \"qwen-0\" is forbidden: exceeded quota: gpus").build();

        assertThat(NamespaceBeingDeleted.refused(new KubernetesClientException(quota))).isFalse();
        assertThat(NamespaceBeingDeleted.refused(new IllegalStateException("being terminated"))).isFalse();
    }

    @Test
    void theReconcilerWaitsItOutWithoutStatusEventOrRetry() {
        FlowFixture f = new FlowFixture();
        ModelDeployment md = Fixtures.vllmQuickStart();

        ErrorStatusUpdateControl<ModelDeployment> control = f.reconciler().updateErrorStatus(md,
                new FakeContext().seeing(f.cluster).withDeployments(md),
                new OperatorException(new KubernetesClientException(terminating())));

        assertThat(control.isNoRetry()).isTrue();
        assertThat(control.getResource()).isEmpty();
        assertThat(f.events.recorded).isEmpty();
    }

    @Test
    void anyOtherErrorIsReportedAndRetried() {
        FlowFixture f = new FlowFixture();
        ModelDeployment md = Fixtures.vllmQuickStart();

        ErrorStatusUpdateControl<ModelDeployment> control = f.reconciler().updateErrorStatus(md,
                new FakeContext().seeing(f.cluster).withDeployments(md), new IllegalStateException("boom"));

        assertThat(control.isNoRetry()).isFalse();
        assertThat(control.getResource()).isPresent();
    }
}
