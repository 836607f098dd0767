package io.modeldeploy.operator.reconcile;

import io.modeldeploy.operator.deployment.ResolvedDeployment;
import jakarta.inject.Singleton;

/**
 * Which flow a resolved deployment goes to: a managed platform's, a LoRA service's, or this cluster's. One choice for
 * both controllers, the reconciler's and the cleaner's.
 */
@Singleton
final class DeploymentFlows {
    private final InClusterFlow inCluster;
    private final ManagedFlow managed;
    private final LoraServiceFlow loraServices;

    DeploymentFlows(InClusterFlow inCluster, ManagedFlow managed, LoraServiceFlow loraServices) {
        this.inCluster = inCluster;
        this.managed = managed;
        this.loraServices = loraServices;
    }

    DeploymentFlow of(ResolvedDeployment d) {
        if (!d.inCluster()) {
            return managed;
        }
        return d.loraService().isPresent() ? loraServices : inCluster;
    }

    /** The managed flow, for a deletion that must work from spec.target alone. */
    ManagedFlow managed() {
        return managed;
    }
}
