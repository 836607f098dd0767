package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

/** How one kind of deployment (in-cluster, managed, LoRA service) is brought to its spec and deleted. */
interface DeploymentFlow {

    /** @param md the resource as read, for its status and metadata; {@code d} is its spec, resolved */
    UpdateControl<ModelDeployment> reconcile(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context);

    DeleteControl cleanup(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context);
}
