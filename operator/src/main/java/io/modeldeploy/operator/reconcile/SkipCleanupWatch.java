package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.Map;
import java.util.Set;

/**
 * Wakes the cleanup of a ModelDeployment being deleted as soon as the skip-vendor-cleanup annotation is set on it.
 * The framework drops metadata-only changes of a resource already marked for deletion, so without this the annotation
 * would act only at the cleanup's next recheck (minutes, while the vendor does not answer), and a namespace could wait
 * that long (tenancy.md: within a minute).
 */
final class SkipCleanupWatch {
    private SkipCleanupWatch() {
    }

    static InformerEventSource<ModelDeployment, ModelDeployment> eventSource(EventSourceContext<ModelDeployment> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(ModelDeployment.class, ModelDeployment.class)
                .withName("skip-vendor-cleanup")
                .withOnAddFilter(SkipCleanupWatch::skipping)
                .withOnUpdateFilter((now, before) -> skipping(now) && !skipping(before))
                .withOnDeleteFilter((md, unknown) -> false)
                .withSecondaryToPrimaryMapper(md -> Set.of(ResourceID.fromResource(md)))
                .build(), context);
    }

    /** Being deleted with the annotation set: its cleanup lets go at once. */
    static boolean skipping(ModelDeployment md) {
        Map<String, String> annotations = md.getMetadata().getAnnotations();
        return md.isMarkedForDeletion() && annotations != null
                && "true".equals(annotations.get(ManagedFlow.SKIP_VENDOR_CLEANUP));
    }
}
