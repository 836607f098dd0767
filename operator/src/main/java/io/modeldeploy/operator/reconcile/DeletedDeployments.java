package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.DeploymentRef;

import java.util.Set;

/**
 * Lets go of what the operator keeps about a deployment once it is gone, and asks for a sweep of the gateway's key
 * copies. Most deployments have no finalizer, so no cleanup runs for them: the framework tells event sources of every
 * deletion instead.
 */
final class DeletedDeployments extends AbstractEventSource<Void, ModelDeployment> implements ResourceEventAware<ModelDeployment> {
    private final AdapterReports adapterReports;
    private final Autoscaled autoscaled;
    private final ManagedDeploymentGate gate;
    private final Runnable sweepKeyCopies;

    /** @param sweepKeyCopies asks for a sweep of published key copies, off this thread */
    DeletedDeployments(AdapterReports adapterReports, Autoscaled autoscaled, ManagedDeploymentGate gate,
                       Runnable sweepKeyCopies) {
        super(Void.class, "deleted-deployments");
        this.adapterReports = adapterReports;
        this.autoscaled = autoscaled;
        this.gate = gate;
        this.sweepKeyCopies = sweepKeyCopies;
    }

    @Override
    public void onResourceDeleted(ModelDeployment md) {
        adapterReports.forget(ResourceID.fromResource(md));
        autoscaled.forget(md);
        gate.forget(DeploymentRef.of(md).uid());
        sweepKeyCopies.run();
    }

    @Override
    public Set<Void> getSecondaryResources(ModelDeployment primary) {
        return Set.of();
    }
}
