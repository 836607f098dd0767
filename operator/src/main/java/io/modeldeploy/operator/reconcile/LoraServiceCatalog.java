package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.adapters.WantedAdapters;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.validate.DeploymentResolver;
import io.modeldeploy.operator.validate.Resolution;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/** Bases and their LoRA services, found in the informer's cache of ModelDeployments and resolved. */
@Singleton
final class LoraServiceCatalog {
    private final DeploymentResolver resolver;

    LoraServiceCatalog(DeploymentResolver resolver) {
        this.resolver = resolver;
    }

    /** The adapters {@code base}'s engines must hold: its own and those of the LoRA services on it. */
    WantedAdapters wantedBy(ResolvedDeployment base, Context<ModelDeployment> context) {
        List<WantedAdapters.LoraService> services = WantedAdapters.servicesOn(base,
                LoraLinks.servicesOn(context.getPrimaryCache(), base.namespace(), base.name()),
                md -> resolver.resolve(md).deployment());
        return WantedAdapters.of(base, services);
    }

    /** A LoRA service's base as the cache holds it, and what its spec resolves to. */
    record Base(ModelDeployment resource, Resolution resolution) {
    }

    /** The base a LoRA service names, unless it is on its way out (its instances stop serving any moment now). */
    Optional<Base> base(ResolvedDeployment service, Context<ModelDeployment> context) {
        return liveBase(service, context).map(b -> new Base(b, resolver.resolve(b)));
    }

    /** The base as the cache holds it, unless it is being deleted; for flows that need no more of it. */
    static Optional<ModelDeployment> liveBase(ResolvedDeployment service, Context<ModelDeployment> context) {
        return service.loraService().flatMap(lora -> context.getPrimaryCache()
                .get(new ResourceID(lora.baseName(), service.namespace()))
                .filter(b -> b.getMetadata().getDeletionTimestamp() == null));
    }
}
