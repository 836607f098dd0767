package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/**
 * An object the operator wants to create exists already and is not this ModelDeployment's: the operator never
 * takes it over (tenancy.md). Nothing is changed; the deployment waits until the object is gone. The same for an
 * Ingress host another ModelDeployment serves.
 */
final class ResourceConflict extends RuntimeException {
    ResourceConflict(HasMetadata existing) {
        super(existing.getKind() + " " + existing.getMetadata().getName()
                + " already exists and is not managed by this ModelDeployment; delete or rename it to continue");
    }

    private ResourceConflict(String message) {
        super(message);
    }

    /** Another ModelDeployment's Ingress routes {@code host} already: it keeps it. */
    static ResourceConflict onHost(String host, Ingress holder) {
        return new ResourceConflict("Ingress host " + host + " is already served by ModelDeployment "
                + HostClaim.deployment(holder).orElseThrow() + "; choose another host, or this deployment takes it"
                + " when that one lets it go");
    }
}
