package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.autoscale.ScaleBook;
import io.modeldeploy.operator.autoscale.ScaleKey;

import java.util.Set;

/** Wakes a deployment's reconcile as soon as the scaler changes its count: nothing in Kubernetes changed to do it. */
final class AutoscaleWakeups extends AbstractEventSource<ModelDeployment, ModelDeployment> {

    private AutoscaleWakeups() {
        super(ModelDeployment.class, "autoscale-wakeups");
    }

    /** An event source that {@code book} drives; register it with the controller. */
    static AutoscaleWakeups of(ScaleBook book) {
        AutoscaleWakeups wakeups = new AutoscaleWakeups();
        book.onChange(wakeups::wake);
        return wakeups;
    }

    void wake(ScaleKey key) {
        if (getEventHandler() == null || !isRunning()) {
            return;
        }
        getEventHandler().handleEvent(new Event(new ResourceID(key.name(), key.namespace())));
    }

    @Override
    public Set<ModelDeployment> getSecondaryResources(ModelDeployment primary) {
        return Set.of();
    }
}
