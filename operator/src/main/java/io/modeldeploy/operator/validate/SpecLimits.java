package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;
import io.modeldeploy.operator.api.v1alpha1.Resources;
import io.modeldeploy.operator.config.OperatorConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * How much one deployment may ask for in this installation. The CRD schema has fixed ceilings only (a 1.20 API
 * server cannot read operator configuration), so the installation's own, lower limits are checked here.
 *
 * @param maxReplicas instances of one deployment ({@code modeldeploy.policy.max-replicas})
 * @param maxWorkers  nodes of one multi-node instance ({@code modeldeploy.policy.max-workers})
 * @param maxGpus     GPUs per node of one instance ({@code modeldeploy.policy.max-gpus})
 */
public record SpecLimits(int maxReplicas, int maxWorkers, int maxGpus) {

    /** The operator configuration's defaults. */
    public static final SpecLimits DEFAULT = new SpecLimits(100, 16, 16);

    public static SpecLimits from(OperatorConfig.Policy policy) {
        return new SpecLimits(policy.maxReplicas(), policy.maxWorkers(), policy.maxGpus());
    }

    /** Each number above its limit, naming the field, the limit and the setting that raises it. */
    List<SpecError> check(ModelDeploymentSpec spec) {
        List<SpecError> errors = new ArrayList<>();
        above("spec.replicas", spec.getReplicas(), maxReplicas, "max-replicas", errors);
        Resources resources = spec.getQuickStart() == null ? null : spec.getQuickStart().getResources();
        if (resources != null) {
            above("spec.quickStart.resources.workers", resources.getWorkers(), maxWorkers, "max-workers", errors);
            if (resources.getGpu() != null) {
                above("spec.quickStart.resources.gpu.count", resources.getGpu().getCount(), maxGpus, "max-gpus", errors);
            }
        }
        return errors;
    }

    private static void above(String field, Integer value, int limit, String key, List<SpecError> errors) {
        if (value != null && value > limit) {
            errors.add(new SpecError(field, value + " is above this installation's limit of " + limit
                    + " (operator setting modeldeploy.policy." + key + ")"));
        }
    }
}
