package io.modeldeploy.operator.adapters;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last adapter sync of each base deployment, per pod, kept in memory so that a LoRA service can
 * report the engine's own message for its adapters (the base's status keeps only its own adapters'
 * errors). Lost on restart and rebuilt by the next base reconcile.
 */
public final class AdapterReports {
    private final Map<ResourceID, Map<String, InstanceAdapters>> byBase = new ConcurrentHashMap<>();

    public void publish(ResourceID base, Map<String, InstanceAdapters> byPod) {
        byBase.put(base, Map.copyOf(byPod));
    }

    public Optional<Map<String, InstanceAdapters>> of(ResourceID base) {
        return Optional.ofNullable(byBase.get(base));
    }

    public void forget(ResourceID base) {
        byBase.remove(base);
    }
}
