package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.Placement;
import io.modeldeploy.operator.validate.DeploymentResolver;

/**
 * The deletion of ModelDeployments that hold {@link CleanupFinalizer}: a vendor's service deleted, a LoRA service's
 * adapters seen unloaded, then the finalizer removed. A controller of its own because the framework puts its
 * finalizer on every resource of a reconciler that cleans up, and most deployments need none; its filter shows it only
 * the deployments that hold one, and {@link ModelDeploymentReconciler} adds it to those that need it. Every change of
 * such a deployment wakes it (not only a new generation): the skip-vendor-cleanup annotation, set on a deployment being
 * deleted, must let it go at once.
 */
@ControllerConfiguration(name = "modeldeployment-cleanup", finalizerName = CleanupFinalizer.NAME,
        generationAwareEventProcessing = false,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 0),
        informer = @Informer(onAddFilter = CleanupFinalizer.Held.class, onUpdateFilter = CleanupFinalizer.StillHeld.class))
public class ModelDeploymentCleaner implements Reconciler<ModelDeployment>, Cleaner<ModelDeployment> {
    private final DeploymentResolver resolver;
    private final DeploymentFlows flows;

    ModelDeploymentCleaner(DeploymentResolver resolver, DeploymentFlows flows) {
        this.resolver = resolver;
        this.flows = flows;
    }

    /** Nothing to do until the deletion: {@link ModelDeploymentReconciler} reconciles. */
    @Override
    public UpdateControl<ModelDeployment> reconcile(ModelDeployment md, Context<ModelDeployment> context) {
        return UpdateControl.noUpdate();
    }

    @Override
    public DeleteControl cleanup(ModelDeployment md, Context<ModelDeployment> context) {
        // A vendor service is deleted from spec.target alone: a spec that stopped resolving must not strand it.
        if (DeploymentResolver.placementOf(md) instanceof Placement.Managed) {
            return flows.managed().cleanup(md, context);
        }
        return resolver.resolve(md).deployment()
                .map(d -> flows.of(d).cleanup(d, md, context))
                .orElseGet(DeleteControl::defaultDelete);
    }
}
