package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.Labels;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Tells the informers of the operator's own objects about each object it has just created, as the API server returned
 * it: their caches show it at once, and the watch event that reports the same version later wakes no deployment (the
 * framework's temporary resource cache). A new deployment's key Secret, NetworkPolicy and Service then do not each
 * cost it one more reconcile, and a reconcile that follows at once finds them.
 */
@Singleton
final class OwnCreates {
    private final Map<Class<?>, Consumer<HasMetadata>> informers = new ConcurrentHashMap<>();

    /** @return {@code informer}, which from now on hears of the operator's creates of {@code type} */
    <R extends HasMetadata> InformerEventSource<R, ModelDeployment> follow(Class<R> type,
                                                                          InformerEventSource<R, ModelDeployment> informer) {
        follow(type, informer::isRunning, informer::handleRecentResourceCreate);
        return informer;
    }

    /** The parts of an informer this needs: whether it runs, and how it takes an object just created. */
    <R extends HasMetadata> void follow(Class<R> type, BooleanSupplier running, BiConsumer<ResourceID, R> recentCreate) {
        informers.put(type, created -> {
            // Only what a running informer watches: an entry for anything else would never meet its event, and stay.
            if (running.getAsBoolean() && watchedLabel(created)) {
                recentCreate.accept(ResourceID.fromResource(created), type.cast(created));
            }
        });
    }

    /** {@code created} is what the API server answered to the create. */
    void created(HasMetadata created) {
        Consumer<HasMetadata> informer = informers.get(created.getClass());
        if (informer != null) {
            informer.accept(created);
        }
    }

    private static boolean watchedLabel(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY));
    }
}
