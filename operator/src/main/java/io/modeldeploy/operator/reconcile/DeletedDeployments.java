package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.DeploymentRef;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Lets go of what the operator keeps about a deployment once it is gone, and removes the gateway's copy of its key
 * unless another deployment names the same Secret. Most deployments have no finalizer, so no cleanup runs for them:
 * the framework tells event sources of every deletion instead. The sweep reads caches only, but deletes, so it runs
 * off the informer's thread, one at a time: a burst of deletions costs one sweep, not one each.
 */
final class DeletedDeployments extends AbstractEventSource<Void, ModelDeployment> implements ResourceEventAware<ModelDeployment> {
    private final AdapterReports adapterReports;
    private final Autoscaled autoscaled;
    private final ManagedDeploymentGate gate;
    private final GatewayKeys gatewayKeys;
    private final Supplier<Collection<ModelDeployment>> deployments;
    private final Executor sweeps;
    private final AtomicBoolean sweepPending = new AtomicBoolean();

    DeletedDeployments(AdapterReports adapterReports, Autoscaled autoscaled, ManagedDeploymentGate gate,
                       GatewayKeys gatewayKeys, Supplier<Collection<ModelDeployment>> deployments, Executor sweeps) {
        super(Void.class, "deleted-deployments");
        this.adapterReports = adapterReports;
        this.autoscaled = autoscaled;
        this.gate = gate;
        this.gatewayKeys = gatewayKeys;
        this.deployments = deployments;
        this.sweeps = sweeps;
    }

    static DeletedDeployments of(EventSourceContext<ModelDeployment> context, AdapterReports adapterReports,
                                 Autoscaled autoscaled, ManagedDeploymentGate gate, GatewayKeys gatewayKeys) {
        return new DeletedDeployments(adapterReports, autoscaled, gate, gatewayKeys,
                () -> context.getPrimaryCache().list().toList(), Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "published-key-sweep");
                    t.setDaemon(true);
                    return t;
                }));
    }

    @Override
    public void onResourceDeleted(ModelDeployment md) {
        adapterReports.forget(ResourceID.fromResource(md));
        autoscaled.forget(md);
        gate.forget(DeploymentRef.of(md).uid());
        if (gatewayKeys.enabled() && sweepPending.compareAndSet(false, true)) {
            sweeps.execute(() -> {
                sweepPending.set(false);
                gatewayKeys.sweep(deployments.get());
            });
        }
    }

    @Override
    public void stop() {
        if (sweeps instanceof ExecutorService service) {
            service.shutdownNow();
        }
        super.stop();
    }

    @Override
    public Set<Void> getSecondaryResources(ModelDeployment primary) {
        return Set.of();
    }
}
