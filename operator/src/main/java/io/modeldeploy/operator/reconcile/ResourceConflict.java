package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * An object the operator wants to create exists already and is not this ModelDeployment's: the operator never
 * takes it over (tenancy.md). Nothing is changed; the deployment waits until the object is gone.
 */
final class ResourceConflict extends RuntimeException {
    ResourceConflict(HasMetadata existing) {
        super(existing.getKind() + " " + existing.getMetadata().getName()
                + " already exists and is not managed by this ModelDeployment; delete or rename it to continue");
    }
}
