package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.TargetStatus;
import io.modeldeploy.operator.render.ModelDeployments;

import java.util.Optional;

/**
 * A lora-mode deployment on a managed platform (spec.target.provider set, spec.lora.baseRef naming its
 * base) becomes a LoRA service on the vendor, attached to the base's vendor service. The base must be a
 * ModelDeployment in the same namespace, on the same provider, whose service the vendor has created:
 * until then the LoRA service waits (a base change wakes it, see {@link LoraLinks}).
 */
final class ManagedLoraBases {
    private ManagedLoraBases() {
    }

    /** The base's vendor service id, when this is a lora-mode deployment whose base has one. */
    static Optional<String> serviceId(ModelDeployment md, Context<ModelDeployment> context) {
        return base(md, context).filter(b -> ModelDeployments.provider(b) == ModelDeployments.provider(md))
                .map(ModelDeployment::getStatus).map(ModelDeploymentStatus::getTarget).map(TargetStatus::getExternalId);
    }

    /** Why a lora-mode deployment cannot be created on the vendor yet; empty when it can (or is no LoRA service). */
    static Optional<String> notReady(ModelDeployment md, Context<ModelDeployment> context) {
        if (ModelDeployments.mode(md).orElse(null) != Mode.LoRA) {
            return Optional.empty();
        }
        String name = md.getSpec().getLora().getBaseRef().getName();
        Optional<ModelDeployment> base = base(md, context);
        if (base.isEmpty()) {
            return Optional.of("base " + name + " does not exist in this namespace");
        }
        if (ModelDeployments.provider(base.get()) != ModelDeployments.provider(md)) {
            return Optional.of("base " + name + " runs on " + ModelDeployments.provider(base.get()) + "; a "
                    + ModelDeployments.provider(md) + " LoRA service needs a base on " + ModelDeployments.provider(md));
        }
        if (serviceId(md, context).isEmpty()) {
            return Optional.of("base " + name + " has no " + ModelDeployments.provider(md) + " service yet");
        }
        return Optional.empty();
    }

    private static Optional<ModelDeployment> base(ModelDeployment md, Context<ModelDeployment> context) {
        if (md.getSpec().getLora() == null || md.getSpec().getLora().getBaseRef() == null) {
            return Optional.empty();
        }
        return context.getPrimaryCache().get(new ResourceID(md.getSpec().getLora().getBaseRef().getName(),
                md.getMetadata().getNamespace())).filter(b -> b.getMetadata().getDeletionTimestamp() == null);
    }
}
