package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.render.IngressRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Who keeps an Ingress host several deployments ask for. */
class HostClaimTest {
    private static final String HOST = "chat.example.com";

    private static Ingress ingress(String namespace, String name, String host, String created) {
        ModelDeployment md = Fixtures.modelDeployment(Fixtures.SGLANG_SPEC + "exposure: {ingress: {host: " + host + "}}\n");
        md.getMetadata().setNamespace(namespace);
        md.getMetadata().setName(name);
        md.getMetadata().setUid(namespace + "-" + name);
        Ingress ingress = IngressRenderer.render(Fixtures.resolve(md)).orElseThrow();
        ingress.getMetadata().setCreationTimestamp(created);
        return ingress;
    }

    private static DeploymentRef ref(String namespace, String name) {
        return new DeploymentRef(name, namespace, namespace + "-" + name, 1L);
    }

    @Test
    void theOldestIngressKeepsTheHost() {
        List<Ingress> routing = List.of(ingress("b", "late", HOST, "2026-01-01T12:00:05Z"),
                ingress("z", "early", HOST, "2026-01-01T12:00:00Z"));

        assertThat(HostClaim.heldByAnother(ref("b", "late"), HOST, routing))
                .map(HostClaim::deployment).contains(Optional.of("z/early"));
        assertThat(HostClaim.heldByAnother(ref("z", "early"), HOST, routing)).isEmpty();
    }

    @Test
    void aTieIsBrokenTheSameWayForBoth() {
        List<Ingress> routing = List.of(ingress("b", "two", HOST, "2026-01-01T12:00:00Z"),
                ingress("a", "one", HOST, "2026-01-01T12:00:00Z"));

        assertThat(HostClaim.heldByAnother(ref("b", "two"), HOST, routing)).isPresent();
        assertThat(HostClaim.heldByAnother(ref("a", "one"), HOST, routing)).isEmpty();
    }

    @Test
    void otherHostsAndIngressesOnTheirWayOutDoNotCount() {
        Ingress leaving = ingress("z", "leaving", HOST, "2026-01-01T11:00:00Z");
        leaving.getMetadata().setDeletionTimestamp("2026-01-01T12:00:10Z");
        List<Ingress> routing = List.of(leaving, ingress("y", "other", "other.example.com", "2026-01-01T11:00:00Z"));

        assertThat(HostClaim.heldByAnother(ref("b", "me"), HOST, routing)).isEmpty();
    }

    @Test
    void anIngressNoModelDeploymentControlsDoesNotHoldAHost() {
        Ingress labelledOnly = ingress("z", "squatter", HOST, "2026-01-01T11:00:00Z");
        labelledOnly.getMetadata().setOwnerReferences(List.of());

        assertThat(HostClaim.heldByAnother(ref("b", "me"), HOST, List.of(labelledOnly))).isEmpty();
    }
}
