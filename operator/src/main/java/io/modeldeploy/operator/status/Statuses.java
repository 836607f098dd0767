package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.render.ModelDeployments;
import io.modeldeploy.operator.render.MultiNode;
import io.modeldeploy.operator.validate.SpecError;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Status fields that follow from the spec alone, and the status of a spec that cannot run. */
public final class Statuses {
    private Statuses() {
    }

    public static ModelDeploymentStatus base(ModelDeployment md) {
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setObservedGeneration(md.getMetadata().getGeneration());
        status.setMode(ModelDeployments.mode(md).orElse(null));
        status.setServiceId(md.getMetadata().getUid());
        if (md.getSpec().getModel() != null) {
            status.setModelId(md.getSpec().getModel().getId());
            status.setServedNames(ModelDeployments.servedNames(md));
        }
        status.setServiceUrl(ModelDeployments.serviceUrl(md));
        status.setApiKeySecret(ModelDeployments.apiKeySecretName(md));
        status.setGpu(gpu(md));
        return status;
    }

    /** Phase Failed, Ready=False with the reason, and what every field the user must fix says. */
    public static ModelDeploymentStatus failed(ModelDeployment md, String reason, List<SpecError> errors) {
        String message = errors.stream().map(SpecError::toString).collect(Collectors.joining("; "));
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setObservedGeneration(md.getMetadata().getGeneration());
        status.setMode(ModelDeployments.mode(md).orElse(null));
        status.setPhase(Phase.Failed);
        Long generation = md.getMetadata().getGeneration();
        status.setConditions(new ArrayList<>(List.<Condition>of(
                Conditions.of(Conditions.READY, false, reason, message, generation),
                Conditions.of(Conditions.PROGRESSING, false, reason, "fix the spec to continue", generation),
                Conditions.of(Conditions.DEGRADED, true, reason, message, generation))));
        return status;
    }

    static String gpu(ModelDeployment md) {
        if (ModelDeployments.mode(md).orElse(null) != Mode.QuickStart || md.getSpec().getQuickStart().getResources() == null) {
            return null;
        }
        var gpu = md.getSpec().getQuickStart().getResources().getGpu();
        if (gpu == null || gpu.getCount() == null || gpu.getCount() == 0) {
            return "none";
        }
        String perNode = gpu.getCount() + "x" + gpu.getType();
        int nodes = MultiNode.workers(md);
        return nodes > 1 ? perNode + " x " + nodes + " nodes" : perNode;
    }
}
