package io.modeldeploy.operator.status;

import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.validate.Resolution;

import java.util.Optional;

/**
 * What a LoRA service's status needs of its base deployment.
 *
 * @param loraEnabled its engines run with LoRA enabled (a base whose spec is invalid counts as enabled: it is
 *                    reported as Failed, which is what the user must fix first)
 * @param engine      the engine its instances run, which decides how clients name an adapter
 * @param status      its live status, if it has one yet
 */
public record LoraBase(String name, boolean loraEnabled, Optional<Backend> engine, Optional<ModelDeploymentStatus> status) {

    public static LoraBase of(String name, Resolution resolution, ModelDeploymentStatus status) {
        Optional<ResolvedDeployment> base = resolution.deployment();
        return new LoraBase(name, base.map(ResolvedDeployment::loraEnabled).orElse(true),
                base.flatMap(ResolvedDeployment::backend), Optional.ofNullable(status));
    }
}
