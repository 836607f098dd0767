package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.TargetStatus;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.validate.DeploymentResolver;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * A lora-mode deployment on a managed platform (spec.target.provider set, spec.lora.baseRef naming its
 * base) becomes a LoRA service on the vendor, attached to the base's vendor service. The base must be a
 * ModelDeployment in the same namespace, on the same provider, whose service the vendor has created:
 * until then the LoRA service waits (a base change wakes it, see {@link LoraLinks}).
 */
@Singleton
final class ManagedLoraBases {

    /** The base's vendor service id, when this is a lora-mode deployment whose base has one. */
    Optional<String> serviceId(ResolvedDeployment d, Context<ModelDeployment> context) {
        return LoraServiceCatalog.liveBase(d, context).filter(b -> providerOf(b) == d.provider())
                .map(ModelDeployment::getStatus).map(ModelDeploymentStatus::getTarget).map(TargetStatus::getExternalId);
    }

    /** Why a lora-mode deployment cannot be created on the vendor yet; empty when it can (or is no LoRA service). */
    Optional<String> notReady(ResolvedDeployment d, Context<ModelDeployment> context) {
        if (d.mode() != Mode.LoRA) {
            return Optional.empty();
        }
        String name = d.loraService().orElseThrow().baseName();
        Optional<ModelDeployment> base = LoraServiceCatalog.liveBase(d, context);
        if (base.isEmpty()) {
            return Optional.of("base " + name + " does not exist in this namespace");
        }
        if (providerOf(base.get()) != d.provider()) {
            return Optional.of("base " + name + " runs on " + providerOf(base.get()) + "; a "
                    + d.provider() + " LoRA service needs a base on " + d.provider());
        }
        if (serviceId(d, context).isEmpty()) {
            return Optional.of("base " + name + " has no " + d.provider() + " service yet");
        }
        return Optional.empty();
    }

    private static Provider providerOf(ModelDeployment base) {
        return DeploymentResolver.placementOf(base).provider();
    }
}
