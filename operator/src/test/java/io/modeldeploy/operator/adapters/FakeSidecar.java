package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.engine.AdapterSidecar;
import io.modeldeploy.operator.engine.EngineUnavailable;
import io.modeldeploy.operator.engine.SyncedAdapter;

import java.util.LinkedHashMap;
import java.util.Map;

/** The adapter-sync sidecar's GET /status in memory. */
public final class FakeSidecar implements AdapterSidecar {
    final Map<String, SyncedAdapter> adapters = new LinkedHashMap<>();
    boolean reachable = true;

    public FakeSidecar ready(String... names) {
        for (String name : names) {
            adapters.put(name, new SyncedAdapter("Ready", "/adapters/" + name, null));
        }
        return this;
    }

    public FakeSidecar downloading(String name) {
        adapters.put(name, new SyncedAdapter("Downloading", "/adapters/" + name, null));
        return this;
    }

    public FakeSidecar failed(String name, String message) {
        adapters.put(name, new SyncedAdapter("Failed", "/adapters/" + name, message));
        return this;
    }

    @Override
    public Map<String, SyncedAdapter> status() throws EngineUnavailable {
        if (!reachable) {
            throw new EngineUnavailable("adapter-sync at 10.0.0.7:8001 did not answer: Connection refused");
        }
        return Map.copyOf(adapters);
    }
}
