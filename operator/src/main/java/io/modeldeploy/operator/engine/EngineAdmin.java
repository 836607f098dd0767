package io.modeldeploy.operator.engine;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One engine instance's run-time adapter API (engines.md): what it holds, load, unload. */
public interface EngineAdmin {

    /**
     * The adapters the engine holds now (the {@code /v1/models} entries that have a parent), each with
     * the path it was loaded from (the entry's {@code root}), or null when the engine does not say.
     */
    Map<String, String> heldAdapters() throws EngineUnavailable;

    default Set<String> loadedAdapters() throws EngineUnavailable {
        return heldAdapters().keySet();
    }

    /** @return empty when the engine accepted it, else the engine's own error message */
    Optional<String> load(String name, String pathInPod) throws EngineUnavailable;

    /** @return empty when the engine accepted it, else the engine's own error message */
    Optional<String> unload(String name) throws EngineUnavailable;
}
