package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;

import java.util.Set;

/**
 * An informer store that keeps its objects without {@code metadata.managedFields}. Every object the operator applies
 * server-side carries a field set per manager (the operator's, the controllers', the kubelet's), often larger than the
 * object; no flow reads it, and with a thousand deployments those copies are most of the operator's heap.
 *
 * <p>Only for an event source with one informer: the framework gives the one store it is configured with to the
 * informer of every watched namespace, and an informer's relist drops from its store whatever it did not list, so a
 * shared store would lose (and report deleted) the other namespaces' objects. With a list of watched namespaces the
 * informers keep their own default stores.
 */
final class LeanItemStore<R extends HasMetadata> extends BasicItemStore<R> {
    private LeanItemStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    /** A lean store when the sources of {@code context} have one informer each (all namespaces, or one); else null. */
    static <R extends HasMetadata> LeanItemStore<R> forInformersOf(EventSourceContext<?> context) {
        return forNamespaces(context.getControllerConfiguration().getInformerConfig().getNamespaces());
    }

    static <R extends HasMetadata> LeanItemStore<R> forNamespaces(Set<String> watched) {
        return watched.size() == 1 ? new LeanItemStore<>() : null;
    }

    @Override
    public R put(String key, R obj) {
        if (obj.getMetadata() != null) {
            obj.getMetadata().setManagedFields(null);
        }
        return super.put(key, obj);
    }
}
