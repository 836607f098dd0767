package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wakes the deployments a ModelDeployment change concerns besides itself: a LoRA service's change
 * reaches its base (which loads and unloads the service's adapters), and a base's change reaches the
 * LoRA services on it (whose status mirrors the base's instances).
 */
final class LoraLinks {
    private LoraLinks() {
    }

    static InformerEventSource<ModelDeployment, ModelDeployment> eventSource(EventSourceContext<ModelDeployment> context) {
        AtomicReference<InformerEventSource<ModelDeployment, ModelDeployment>> self = new AtomicReference<>();
        InformerEventSource<ModelDeployment, ModelDeployment> source = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(ModelDeployment.class, ModelDeployment.class)
                        .withName("lora-links")
                        .withSecondaryToPrimaryMapper(md -> related(md, self.get()))
                        .build(), context);
        self.set(source);
        return source;
    }

    private static Set<ResourceID> related(ModelDeployment md, InformerEventSource<ModelDeployment, ModelDeployment> cache) {
        Set<ResourceID> out = new HashSet<>();
        String namespace = md.getMetadata().getNamespace();
        baseOf(md).ifPresent(base -> out.add(new ResourceID(base, namespace)));
        if (cache != null) {
            cache.list(namespace, other -> baseOf(other).filter(md.getMetadata().getName()::equals).isPresent())
                    .forEach(service -> out.add(ResourceID.fromResource(service)));
        }
        return out;
    }

    static Optional<String> baseOf(ModelDeployment md) {
        return md.getSpec() == null || md.getSpec().getLora() == null || md.getSpec().getLora().getBaseRef() == null
                ? Optional.empty() : Optional.ofNullable(md.getSpec().getLora().getBaseRef().getName());
    }
}
