package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.deployment.AdapterLocation;
import io.modeldeploy.operator.engine.SyncedAdapter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one engine must do to hold exactly the wanted adapters, from what it holds and what its
 * sidecar has on disk. Pure, so every case is a unit test.
 *
 * @param toLoad      wanted, on disk, not held (or held from another path: a new version, unloaded first)
 * @param toUnload    held, not wanted; and held old versions of adapters in {@code toLoad}
 * @param waiting     wanted, still on its way to the pod's disk: name to why
 * @param syncFailed  wanted, but the sidecar could not fetch it: name to the sidecar's message
 */
public record AdapterPlan(List<AdapterLocation> toLoad, List<String> toUnload, Map<String, String> waiting,
                          Map<String, String> syncFailed) {

    /** For an engine that does not say where its adapters came from. */
    public static AdapterPlan of(List<AdapterLocation> wanted, Map<String, SyncedAdapter> onDisk, Set<String> held) {
        Map<String, String> unknownPaths = new LinkedHashMap<>();
        held.forEach(name -> unknownPaths.put(name, null));
        return of(wanted, onDisk, unknownPaths);
    }

    /** @param held adapter name to the path the engine loaded it from, null when unknown */
    public static AdapterPlan of(List<AdapterLocation> wanted, Map<String, SyncedAdapter> onDisk, Map<String, String> held) {
        List<AdapterLocation> toLoad = new ArrayList<>();
        List<String> outdated = new ArrayList<>();
        Map<String, String> waiting = new LinkedHashMap<>();
        Map<String, String> syncFailed = new LinkedHashMap<>();
        for (AdapterLocation adapter : wanted) {
            boolean isHeld = held.containsKey(adapter.name());
            String heldPath = held.get(adapter.name());
            if (isHeld && (heldPath == null || heldPath.equals(adapter.pathInPod()))) {
                continue;
            }
            SyncedAdapter synced = onDisk.get(adapter.name());
            if (isHeld) {
                // Another version is loaded: keep serving it until the new one is on disk, then swap.
                if (synced != null && synced.ready()) {
                    outdated.add(adapter.name());
                    toLoad.add(adapter);
                } else {
                    waiting.put(adapter.name(), "a new version is on its way: " + adapter.uri());
                }
                continue;
            }
            if (synced == null) {
                waiting.put(adapter.name(), "not yet seen by the adapter-sync sidecar");
            } else if (synced.ready()) {
                toLoad.add(adapter);
            } else if (synced.failed()) {
                syncFailed.put(adapter.name(), synced.message() == null ? "download failed" : synced.message());
            } else {
                waiting.put(adapter.name(), "downloading " + adapter.uri());
            }
        }
        Set<String> wantedNames = wanted.stream().map(AdapterLocation::name).collect(java.util.stream.Collectors.toSet());
        List<String> toUnload = java.util.stream.Stream.concat(
                held.keySet().stream().filter(name -> !wantedNames.contains(name)), outdated.stream()).sorted().toList();
        return new AdapterPlan(toLoad, toUnload, waiting, syncFailed);
    }
}
