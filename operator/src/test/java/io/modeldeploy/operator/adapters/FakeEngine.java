package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.engine.EngineAdmin;
import io.modeldeploy.operator.engine.EngineUnavailable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An engine's run-time adapter API in memory, answering as vLLM does: a load of a held adapter is refused
 * with "already loaded", an unload of one it does not hold with "not found".
 */
public final class FakeEngine implements EngineAdmin {
    /** What the engine holds: adapter name to the path it was loaded from. */
    public final Map<String, String> held = new LinkedHashMap<>();
    /** Loads the engine refuses, with its message. */
    public final Map<String, String> refusals = new HashMap<>();
    /** Adapters another client loads just before ours arrives: the engine holds them and refuses our load. */
    final Set<String> loadedConcurrently = new HashSet<>();
    /** Adapters whose load the engine accepts without holding them afterwards. */
    final Set<String> acceptedButDropped = new HashSet<>();
    /** Unloads the engine refuses, with its message. */
    final Map<String, String> unloadRefusals = new HashMap<>();
    public final List<String> loadCalls = new ArrayList<>();
    public final List<String> unloadCalls = new ArrayList<>();
    public boolean reachable = true;
    /** The engine stops answering once this many loads have been sent (negative: never). */
    int failAfterLoads = -1;

    public FakeEngine holding(String... names) {
        for (String name : names) {
            held.put(name, AdapterPlanTest.hf(name).pathInPod()); // as the operator loads an hf://org/<name> adapter
        }
        return this;
    }

    private void answer() throws EngineUnavailable {
        if (!reachable) {
            throw new EngineUnavailable("engine at 10.0.0.7:8000 did not answer: Connection refused");
        }
    }

    @Override
    public Map<String, String> heldAdapters() throws EngineUnavailable {
        answer();
        return new java.util.TreeMap<>(held);
    }

    @Override
    public Optional<String> load(String name, String pathInPod) throws EngineUnavailable {
        if (failAfterLoads == loadCalls.size()) {
            reachable = false;
        }
        answer();
        loadCalls.add(name);
        if (loadedConcurrently.contains(name)) {
            held.put(name, pathInPod);
        }
        if (held.containsKey(name)) {
            return Optional.of("The lora adapter '" + name + "' has already been loaded.");
        }
        if (refusals.containsKey(name)) {
            return Optional.of(refusals.get(name));
        }
        if (!acceptedButDropped.contains(name)) {
            held.put(name, pathInPod);
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> unload(String name) throws EngineUnavailable {
        answer();
        unloadCalls.add(name);
        if (unloadRefusals.containsKey(name)) {
            return Optional.of(unloadRefusals.get(name));
        }
        return held.remove(name) == null ? Optional.of("The lora adapter '" + name + "' cannot be found.") : Optional.empty();
    }
}
