package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.deployment.AdapterLocation;
import io.modeldeploy.operator.engine.AdapterSidecar;
import io.modeldeploy.operator.engine.EngineAdmin;
import io.modeldeploy.operator.engine.EngineUnavailable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings one engine to hold exactly the wanted adapters through its run-time API, idempotently: it reads
 * {@code /v1/models} first and again at the end, so "already loaded" and "not found" replies, races and
 * retries all end in the state the engine really reports.
 */
public final class AdapterSynchronizer {
    private final LoadBackoff backoff;

    public AdapterSynchronizer(LoadBackoff backoff) {
        this.backoff = backoff;
    }

    public InstanceAdapters sync(String podUid, EngineAdmin engine, AdapterSidecar sidecar, List<AdapterLocation> wanted) {
        try {
            AdapterPlan plan = AdapterPlan.of(wanted, sidecar.status(), engine.heldAdapters());
            Map<String, String> failed = new LinkedHashMap<>(plan.syncFailed());
            Map<String, String> waiting = new LinkedHashMap<>(plan.waiting());
            for (String name : plan.toUnload()) {
                engine.unload(name);
            }
            for (AdapterLocation adapter : plan.toLoad()) {
                Optional<String> blocked = backoff.blocked(podUid, adapter.name());
                if (blocked.isPresent()) {
                    failed.put(adapter.name(), blocked.get());
                    continue;
                }
                engine.load(adapter.name(), adapter.pathInPod()).ifPresent(message -> {
                    failed.put(adapter.name(), message);
                    backoff.failed(podUid, adapter.name(), message);
                });
            }
            Map<String, String> heldNow = engine.heldAdapters();
            List<String> loaded = new ArrayList<>(heldNow.keySet());
            loaded.sort(null);
            for (String name : loaded) {
                failed.remove(name);
                backoff.succeeded(podUid, name);
            }
            // What the engine accepted but does not list is not loaded: only the read-back counts.
            for (AdapterLocation adapter : wanted) {
                if (!loaded.contains(adapter.name()) && !failed.containsKey(adapter.name())
                        && !waiting.containsKey(adapter.name())) {
                    waiting.put(adapter.name(), "accepted by the engine but not listed in its /v1/models yet");
                }
            }
            return new InstanceAdapters(true, List.copyOf(loaded), failed, waiting);
        } catch (EngineUnavailable e) {
            return InstanceAdapters.unreachable(e.getMessage());
        }
    }
}
