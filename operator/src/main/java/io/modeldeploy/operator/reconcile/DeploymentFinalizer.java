package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

/**
 * The ModelDeployment's own finalizer, put on only where a deletion has work to do besides garbage collection (a
 * vendor service to delete, adapters to unload from a base): a deployment in this cluster costs no finalizer write
 * when it is created and none when it is deleted. An interface, so the reconciler is unit-tested without a cluster.
 */
interface DeploymentFinalizer {
    /** The framework's default name, which deployments made by earlier versions carry: those are let go too. */
    String NAME = "modeldeployments.modeldeploy.io/finalizer";

    /** Puts the finalizer on {@code md}; returns the deployment as the API server has it now. */
    ModelDeployment add(ModelDeployment md, Context<ModelDeployment> context);

    /** Takes the finalizer off {@code md}. */
    void remove(ModelDeployment md, Context<ModelDeployment> context);

    /** Through the framework's conflict-retrying patches, which also keep its cache current. */
    static DeploymentFinalizer onApiServer() {
        return new DeploymentFinalizer() {
            @Override
            public ModelDeployment add(ModelDeployment md, Context<ModelDeployment> context) {
                return PrimaryUpdateAndCacheUtils.addFinalizer(context.getClient(), md, NAME);
            }

            @Override
            public void remove(ModelDeployment md, Context<ModelDeployment> context) {
                PrimaryUpdateAndCacheUtils.removeFinalizer(context.getClient(), md, NAME);
            }
        };
    }
}
