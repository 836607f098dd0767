package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Reconciles a ModelDeployment on request of another's reconcile. A LoRA service being deleted wakes its base while
 * the base's engines still hold its adapters: the base learns of the deletion through its own informer
 * ({@link LoraLinks}), but reads the services from the primary cache, which can lag that informer, and then keeps the
 * deleted service's adapters with nothing to wake it again (seen by {@code make chaos}: the service waited out its
 * two minutes, its adapter still loaded).
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
