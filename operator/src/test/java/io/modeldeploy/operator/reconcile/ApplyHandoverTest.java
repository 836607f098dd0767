package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The handover on the object as it is: a write in between makes it read the object again and try on that. */
class ApplyHandoverTest {
    private static final String US = "modeldeploy-operator";

    private final List<String> patchedVersions = new ArrayList<>();
    private final Deque<KubernetesClientException> refusals = new ArrayDeque<>();
    private final Deque<Deployment> rereads = new ArrayDeque<>();
    private int reads;

    private final ApplyHandover.Api api = new ApplyHandover.Api() {
        @Override
        public void replaceManagedFields(HasMetadata current, List<ManagedFieldsEntry> managedFields) {
            patchedVersions.add(current.getMetadata().getResourceVersion());
            if (!refusals.isEmpty()) {
                throw refusals.pop();
            }
        }

        @Override
        public Optional<HasMetadata> reread() {
            reads++;
            return Optional.ofNullable(rereads.poll());
        }
    };

    @Test
    void anObjectAppliedBeforeNeedsNoHandover() {
        assertThat(ApplyHandover.handOver(deployment("5", false), US, api)).isFalse();

        assertThat(patchedVersions).isEmpty();
    }

    @Test
    void theFieldsOfTheCreateAreHandedOverInOnePatch() {
        assertThat(ApplyHandover.handOver(deployment("5", true), US, api)).isTrue();

        assertThat(patchedVersions).containsExactly("5");
        assertThat(reads).isZero();
    }

    @Test
    void aWriteInBetweenMakesItTryAgainOnTheObjectAsItIsNow() {
        refusals.add(testFailed());
        rereads.add(deployment("6", true));

        assertThat(ApplyHandover.handOver(deployment("5", true), US, api)).isTrue();

        assertThat(patchedVersions).containsExactly("5", "6");
    }

    @Test
    void whenSomeoneElseHandedThemOverMeanwhileNothingIsPatchedAgain() {
        refusals.add(testFailed());
        rereads.add(deployment("6", false));

        assertThat(ApplyHandover.handOver(deployment("5", true), US, api)).as("the apply is sent again").isTrue();

        assertThat(patchedVersions).containsExactly("5");
    }

    @Test
    void writesInBetweenEveryTimeFailTheReconcileAfterAFewAttempts() {
        for (int i = 0; i < ApplyHandover.ATTEMPTS; i++) {
            refusals.add(testFailed());
            rereads.add(deployment(String.valueOf(6 + i), true));
        }

        assertThatThrownBy(() -> ApplyHandover.handOver(deployment("5", true), US, api))
                .isInstanceOf(KubernetesClientException.class);
        assertThat(patchedVersions).hasSize(ApplyHandover.ATTEMPTS);
    }

    @Test
    void otherRefusalsAreNotRetried() {
        refusals.add(new KubernetesClientException("forbidden", 403, null));

        assertThatThrownBy(() -> ApplyHandover.handOver(deployment("5", true), US, api))
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("forbidden");
        assertThat(reads).isZero();
    }

    @Test
    void anObjectDeletedMeanwhileFailsTheReconcile() {
        refusals.add(testFailed());

        assertThatThrownBy(() -> ApplyHandover.handOver(deployment("5", true), US, api))
                .hasMessageContaining("was deleted");
    }

    private static KubernetesClientException testFailed() {
        return new KubernetesClientException("the server rejected our request due to an error in our request", 422, null);
    }

    /** @param created whether its fields are still under the create's Update entry */
    private static Deployment deployment(String resourceVersion, boolean created) {
        FieldsV1 fields = new FieldsV1();
        fields.setAdditionalProperty("f:spec", Map.of("f:replicas", Map.of()));
        ManagedFieldsEntry ours = new ManagedFieldsEntry("apps/v1", "FieldsV1", fields, US, created ? "Update" : "Apply",
                null, "2026-12-01T00:00:00Z");
        return new DeploymentBuilder().withNewMetadata().withName("d").withNamespace("team")
                .withResourceVersion(resourceVersion).withManagedFields(ours).endMetadata().build();
    }
}
