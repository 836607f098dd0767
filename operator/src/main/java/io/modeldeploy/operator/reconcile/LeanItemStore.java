package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer store that keeps its objects without {@code metadata.managedFields}. Every object the operator applies
 * server-side carries a field set per manager (the operator's, the controllers', the kubelet's), often larger than the
 * object; no flow reads it, and with a thousand deployments those copies are most of the operator's heap.
 */
final class LeanItemStore<R extends HasMetadata> extends BasicItemStore<R> {
    LeanItemStore() {
        super(Cache::metaNamespaceKeyFunc);
    }

    @Override
    public R put(String key, R obj) {
        if (obj.getMetadata() != null) {
            obj.getMetadata().setManagedFields(null);
        }
        return super.put(key, obj);
    }
}
