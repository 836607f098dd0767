package io.modeldeploy.operator.reconcile;

import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps a managed deployment's reconcile and its cleanup apart. They run in two controllers
 * ({@link ModelDeploymentReconciler}, {@link ModelDeploymentCleaner}), which the framework does not serialise with
 * each other: a cleanup that looked the vendor's service up while a create was still on its way would let the
 * deployment go and leave that service behind. So one at a time per deployment, and no reconcile once its cleanup
 * began (the reconcile's informer can lag the cleaner's). Never a lock across deployments.
 */
@Singleton
final class ManagedDeploymentGate {
    private final ConcurrentHashMap<String, Entry> byUid = new ConcurrentHashMap<>();

    private static final class Entry {
        boolean cleaning;
    }

    /** Runs {@code reconcile} unless the deployment's cleanup began; then {@code cleaningInstead}. */
    <T> T reconcile(String uid, Supplier<T> reconcile, Supplier<T> cleaningInstead) {
        Entry entry = byUid.computeIfAbsent(uid, k -> new Entry());
        synchronized (entry) {
            return entry.cleaning ? cleaningInstead.get() : reconcile.get();
        }
    }

    /** Runs {@code cleanup}, after any reconcile of the deployment under way; no reconcile runs from now on. */
    <T> T cleanup(String uid, Supplier<T> cleanup) {
        Entry entry = byUid.computeIfAbsent(uid, k -> new Entry());
        synchronized (entry) {
            entry.cleaning = true;
            return cleanup.get();
        }
    }

    /** The deployment is gone. */
    void forget(String uid) {
        byUid.remove(uid);
    }

    int size() {
        return byUid.size();
    }
}
