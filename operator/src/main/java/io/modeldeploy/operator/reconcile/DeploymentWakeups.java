package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Reconciles a ModelDeployment on request of another's reconcile. A LoRA service being deleted wakes its base while
 * the base's engines still hold its adapters: its cleanup runs in {@link ModelDeploymentCleaner}, whose cache can be
 * ahead of the reconciler's, and a base that read its services before the deletion reached that cache would keep the
 * deleted service's adapters with nothing to wake it again (seen by {@code make chaos}, when the base learnt of it
 * through an informer of its own: the service waited out its two minutes, its adapter still loaded).
 */
@Singleton
final class DeploymentWakeups extends AbstractEventSource<ModelDeployment, ModelDeployment> implements BaseWakeup {
    DeploymentWakeups() {
        super(ModelDeployment.class, "deployment-wakeups");
    }

    @Override
    public void wake(ResourceID base) {
        if (getEventHandler() == null || !isRunning()) {
            return;
        }
        getEventHandler().handleEvent(new Event(base));
    }

    @Override
    public Set<ModelDeployment> getSecondaryResources(ModelDeployment primary) {
        return Set.of();
    }
}
