package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.modeldeploy.operator.deployment.DeploymentRef;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who keeps an Ingress host that several ModelDeployments ask for (tenancy.md): the one whose Ingress routes it
 * first. Two Ingresses made in the same moment (two reconciles that each saw the other's not yet) are ordered by
 * creation time, then namespace and name, so that both deployments agree on the holder and the other lets go.
 */
final class HostClaim {
    private static final Comparator<Ingress> FIRST = Comparator
            .comparing((Ingress i) -> i.getMetadata().getCreationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(i -> i.getMetadata().getNamespace(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(i -> i.getMetadata().getName());

    private HostClaim() {
    }

    /** The Ingress of another deployment that keeps {@code host}, when it is not {@code me}'s. */
    static Optional<Ingress> heldByAnother(DeploymentRef me, String host, List<Ingress> routing) {
        return routing.stream()
                .filter(i -> routes(i, host))
                .filter(i -> i.getMetadata().getDeletionTimestamp() == null)
                .filter(i -> deployment(i).isPresent())
                .min(FIRST)
                .filter(holder -> !ControllerOwner.is(holder, me.uid()));
    }

    static boolean routes(Ingress ingress, String host) {
        return ingress.getSpec() != null && ingress.getSpec().getRules() != null
                && ingress.getSpec().getRules().stream().map(IngressRule::getHost).anyMatch(h -> Objects.equals(h, host));
    }

    /** The ModelDeployment whose Ingress this is, as namespace/name. */
    static Optional<String> deployment(Ingress ingress) {
        List<OwnerReference> owners = ingress.getMetadata().getOwnerReferences();
        return owners == null ? Optional.empty() : owners.stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()) && DeploymentRef.KIND.equals(o.getKind()))
                .map(o -> ingress.getMetadata().getNamespace() + "/" + o.getName())
                .findFirst();
    }
}
