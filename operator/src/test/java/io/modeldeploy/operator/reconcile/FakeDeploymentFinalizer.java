package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.ArrayList;
import java.util.List;

/** The deployment's finalizer put on and taken off in memory, each write recorded ("add name", "remove name"). */
final class FakeDeploymentFinalizer implements DeploymentFinalizer {
    final List<String> writes = new ArrayList<>();

    @Override
    public ModelDeployment add(ModelDeployment md, Context<ModelDeployment> context) {
        writes.add("add " + md.getMetadata().getName());
        md.addFinalizer(NAME);
        return md;
    }

    @Override
    public void remove(ModelDeployment md, Context<ModelDeployment> context) {
        writes.add("remove " + md.getMetadata().getName());
        md.removeFinalizer(NAME);
    }
}
