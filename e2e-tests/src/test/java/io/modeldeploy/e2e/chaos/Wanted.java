package io.modeldeploy.e2e.chaos;

import java.util.List;

/**
 * What the suite asked of one deployment, as a user writes it: the state it must converge to, whatever the operator
 * went through on the way.
 *
 * @param replicas 1 for a LoRA service (it has no replicas of its own)
 * @param adapters the adapter names, each loaded from {@code hf://example/<name>-lora}
 */
record Wanted(String name, Kind kind, int replicas, boolean stopped, List<String> adapters) {
    Wanted {
        adapters = List.copyOf(adapters);
    }

    Wanted withReplicas(int value) {
        return new Wanted(name, kind, value, stopped, adapters);
    }

    Wanted withStopped(boolean value) {
        return new Wanted(name, kind, replicas, value, adapters);
    }

    Wanted withAdapters(List<String> value) {
        return new Wanted(name, kind, replicas, stopped, value);
    }

    /** Instances that should serve: 0 when stopped. */
    int serving() {
        return stopped ? 0 : replicas;
    }
}
