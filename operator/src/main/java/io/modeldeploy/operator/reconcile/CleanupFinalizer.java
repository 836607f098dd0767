package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

/**
 * The one finalizer the operator puts on a ModelDeployment, and only where its deletion has work the garbage collector
 * cannot do: a vendor's service to delete, a LoRA service's adapters to see unloaded. An in-cluster deployment's
 * objects carry its owner reference and need none, which spares every new deployment a write and a round trip before
 * its first object. Also the filters of {@link ModelDeploymentCleaner}: it sees only deployments that hold it.
 */
public final class CleanupFinalizer {
    /**
     * The framework's default name for this resource, which earlier operator versions put on every deployment: those
     * are cleaned up (their finalizer removed) like any other.
     */
    public static final String NAME = "modeldeployments.modeldeploy.io/finalizer";

    /** Deleting {@code d} has work to do before its finalizer goes. */
    static boolean needed(ResolvedDeployment d) {
        return !d.inCluster() || d.loraService().isPresent();
    }

    private CleanupFinalizer() {
    }

    /** A deployment the cleaner sees when its informer starts: one that holds the finalizer. */
    public static final class Held implements OnAddFilter<ModelDeployment> {
        @Override
        public boolean accept(ModelDeployment md) {
            return md.hasFinalizer(NAME);
        }
    }

    /** A change the cleaner sees: of a deployment that still holds the finalizer. */
    public static final class StillHeld implements OnUpdateFilter<ModelDeployment> {
        @Override
        public boolean accept(ModelDeployment now, ModelDeployment before) {
            return now.hasFinalizer(NAME);
        }
    }
}
