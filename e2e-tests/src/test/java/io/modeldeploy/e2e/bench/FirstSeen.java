package io.modeldeploy.e2e.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.modeldeploy.sim.testing.Await;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * When the benchmark first saw each object of one kind (by name) in the state it waits for, through a watch: the
 * operator's work is timed as its clients see it, without polling the API server.
 */
final class FirstSeen<T extends HasMetadata> implements AutoCloseable {
    private final Map<String, Long> nanos = new ConcurrentHashMap<>();
    private final SharedIndexInformer<T> informer;
    private final String what;

    FirstSeen(String what, Informable<T> source, Predicate<T> state) {
        this.what = what;
        this.informer = source.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                seen(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                seen(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            }

            private void seen(T obj) {
                if (state.test(obj)) {
                    nanos.putIfAbsent(obj.getMetadata().getName(), System.nanoTime());
                }
            }
        });
    }

    /** {@link System#nanoTime} when {@code name} was first seen, waiting for it. */
    long await(String name, Duration timeout) {
        return Await.until(what + " " + name, timeout, () -> nanos.get(name));
    }

    /** The latest first sighting of all {@code names}, waiting for every one. */
    long awaitAll(Collection<String> names, Duration timeout) {
        Await.until("every " + what + " (" + names.size() + ")", timeout,
                () -> names.stream().allMatch(nanos::containsKey));
        return names.stream().mapToLong(nanos::get).max().orElseThrow();
    }

    /** The earliest sighting of any object, waiting for one. */
    long awaitAny(Duration timeout) {
        Await.until("a " + what, timeout, () -> !nanos.isEmpty());
        return nanos.values().stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    int seen() {
        return nanos.size();
    }

    @Override
    public void close() {
        informer.close();
    }
}
