package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.Set;

/**
 * Wakes the LoRA services on a base as soon as the base's engines hold other adapters ({@link AdapterReports}): the
 * base's status need not change when it loads a service's adapter, and without this the service would wait for its
 * periodic recheck.
 */
final class LoraWakeups extends AbstractEventSource<ModelDeployment, ModelDeployment> {
    private final IndexedResourceCache<ModelDeployment> deployments;

    private LoraWakeups(IndexedResourceCache<ModelDeployment> deployments) {
        super(ModelDeployment.class, "lora-wakeups");
        this.deployments = deployments;
    }

    /** An event source that {@code reports} drives; register it with the controller. */
    static LoraWakeups of(EventSourceContext<ModelDeployment> context, AdapterReports reports) {
        LoraWakeups wakeups = new LoraWakeups(context.getPrimaryCache());
        reports.onHeldChange(wakeups::servicesOn);
        return wakeups;
    }

    void servicesOn(ResourceID base) {
        if (getEventHandler() == null || !isRunning()) {
            return;
        }
        LoraLinks.servicesOn(deployments, base).forEach(service -> getEventHandler().handleEvent(new Event(service)));
    }

    @Override
    public Set<ModelDeployment> getSecondaryResources(ModelDeployment primary) {
        return Set.of();
    }
}
