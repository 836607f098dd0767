package io.modeldeploy.operator.adapters;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The last adapter sync of each base deployment, per pod, kept in memory so that a LoRA service can
 * report the engine's own message for its adapters (the base's status keeps only its own adapters'
 * errors). Lost on restart and rebuilt by the next base reconcile. When what the base's engines hold changes, the
 * listener hears of it: the LoRA services on the base must look at once, since the base's own status may not change.
 */
public final class AdapterReports {
    private final Map<ResourceID, Map<String, InstanceAdapters>> byBase = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> onHeldChange = base -> { };

    /** Who hears that a base's engines hold other adapters than at its last sync. */
    public void onHeldChange(Consumer<ResourceID> listener) {
        this.onHeldChange = listener;
    }

    public void publish(ResourceID base, Map<String, InstanceAdapters> byPod) {
        Map<String, InstanceAdapters> previous = byBase.put(base, Map.copyOf(byPod));
        if (!held(previous).equals(held(byPod))) {
            onHeldChange.accept(base);
        }
    }

    /** Pod to the adapters its engine holds, of pods whose engine answered. */
    private static Map<String, java.util.List<String>> held(Map<String, InstanceAdapters> byPod) {
        Map<String, java.util.List<String>> out = new java.util.HashMap<>();
        if (byPod != null) {
            byPod.forEach((pod, state) -> {
                if (state.reachable()) {
                    out.put(pod, state.loaded());
                }
            });
        }
        return out;
    }

    public Optional<Map<String, InstanceAdapters>> of(ResourceID base) {
        return Optional.ofNullable(byBase.get(base));
    }

    public void forget(ResourceID base) {
        byBase.remove(base);
    }
}
