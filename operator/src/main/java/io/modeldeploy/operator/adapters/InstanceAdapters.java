package io.modeldeploy.operator.adapters;

import java.util.List;
import java.util.Map;

/**
 * What one instance's engine really holds after a sync, and what is still missing and why.
 *
 * @param reachable false when the engine or sidecar did not answer; {@code loaded} is then unknown (empty)
 * @param loaded    adapter names read back from the engine's {@code /v1/models}, sorted
 * @param failed    adapter name to the engine's (or sidecar's) own error message
 * @param waiting   adapter name to why it is not loaded yet (downloading, backing off)
 */
public record InstanceAdapters(boolean reachable, List<String> loaded, Map<String, String> failed,
                               Map<String, String> waiting) {

    /** Key of {@link #waiting} when the reason concerns the engine as a whole. */
    public static final String WHOLE_ENGINE = "";

    public static InstanceAdapters unreachable(String why) {
        return new InstanceAdapters(false, List.of(), Map.of(), Map.of(WHOLE_ENGINE, why));
    }

    public boolean complete() {
        return reachable && failed.isEmpty() && waiting.isEmpty();
    }

    /** The same sync seen by one deployment: failures and waits of other deployments' adapters dropped. */
    public InstanceAdapters onlyFor(java.util.Collection<String> names) {
        Map<String, String> f = new java.util.LinkedHashMap<>(failed);
        f.keySet().retainAll(names);
        Map<String, String> w = new java.util.LinkedHashMap<>(waiting);
        w.keySet().removeIf(k -> !k.equals(WHOLE_ENGINE) && !names.contains(k));
        return new InstanceAdapters(reachable, loaded, f, w);
    }
}
