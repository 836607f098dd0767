package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.ResourceEventAware;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Wakes the deployments a ModelDeployment change concerns besides itself: a LoRA service's change
 * reaches its base (which loads and unloads the service's adapters), and a base's change reaches the
 * LoRA services on it (whose status mirrors the base's instances). The services on a base are found through an
 * index of the ModelDeployment cache, so a change costs what its own links cost, not the namespace.
 *
 * <p>The framework tells this source of every change of a primary resource once the primary cache holds it, so a
 * woken deployment reads the change it was woken for. A second informer on ModelDeployments did the same before, with
 * a cache of its own that could run ahead of the primary one: a LoRA service woken by its base's new status then read
 * the old status and waited for its recheck (5 s in {@code make bench}).
 */
final class LoraLinks extends AbstractEventSource<Void, ModelDeployment> implements ResourceEventAware<ModelDeployment> {
    static final String BY_BASE = "lora-base";

    private final IndexedResourceCache<ModelDeployment> deployments;

    LoraLinks(IndexedResourceCache<ModelDeployment> deployments) {
        super(Void.class, "lora-links");
        this.deployments = deployments;
    }

    /** Indexes the primary cache by base; call before the controller starts. */
    static void index(EventSourceContext<ModelDeployment> context) {
        context.getPrimaryCache().addIndexer(BY_BASE, LoraLinks::indexKeys);
    }

    /** The keys of {@code md} in the index by base: its namespace and base, if it is a LoRA service. */
    static List<String> indexKeys(ModelDeployment md) {
        return baseOf(md).map(base -> List.of(key(md.getMetadata().getNamespace(), base))).orElse(List.of());
    }

    static LoraLinks eventSource(EventSourceContext<ModelDeployment> context) {
        return new LoraLinks(context.getPrimaryCache());
    }

    @Override
    public void onResourceCreated(ModelDeployment md) {
        wake(related(md, deployments));
    }

    @Override
    public void onResourceUpdated(ModelDeployment now, ModelDeployment before) {
        Set<ResourceID> woken = related(now, deployments);
        // A service moved to another base: the one it left unloads its adapters.
        baseOf(before).ifPresent(base -> woken.add(new ResourceID(base, before.getMetadata().getNamespace())));
        wake(woken);
    }

    @Override
    public void onResourceDeleted(ModelDeployment md) {
        wake(related(md, deployments));
    }

    private void wake(Set<ResourceID> deployments) {
        if (getEventHandler() == null || !isRunning()) {
            return;
        }
        deployments.forEach(id -> getEventHandler().handleEvent(new Event(id)));
    }

    @Override
    public Set<Void> getSecondaryResources(ModelDeployment primary) {
        return Set.of();
    }

    /** The LoRA services whose spec names {@code base}, from the indexed primary cache. */
    static List<ResourceID> servicesOn(IndexedResourceCache<ModelDeployment> deployments, ResourceID base) {
        return deployments.byIndex(BY_BASE, key(base.getNamespace().orElseThrow(), base.getName())).stream()
                .map(ResourceID::fromResource).toList();
    }

    /** The LoRA services on {@code base}'s name, as the cache holds them. */
    static List<ModelDeployment> servicesOn(IndexedResourceCache<ModelDeployment> deployments, String namespace, String base) {
        return deployments.byIndex(BY_BASE, key(namespace, base));
    }

    private static Set<ResourceID> related(ModelDeployment md, IndexedResourceCache<ModelDeployment> deployments) {
        Set<ResourceID> out = new HashSet<>();
        String namespace = md.getMetadata().getNamespace();
        baseOf(md).ifPresent(base -> out.add(new ResourceID(base, namespace)));
        out.addAll(servicesOn(deployments, ResourceID.fromResource(md)));
        return out;
    }

    static Optional<String> baseOf(ModelDeployment md) {
        return md.getSpec() == null || md.getSpec().getLora() == null || md.getSpec().getLora().getBaseRef() == null
                ? Optional.empty() : Optional.ofNullable(md.getSpec().getLora().getBaseRef().getName());
    }

    private static String key(String namespace, String base) {
        return namespace + "/" + base;
    }
}
