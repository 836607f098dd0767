package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.engine.SyncedAdapter;
import io.modeldeploy.operator.render.AdapterLocation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one engine must do to hold exactly the wanted adapters, from what it holds and what its
 * sidecar has on disk. Pure, so every case is a unit test.
 *
 * @param toLoad      wanted, on disk, not held
 * @param toUnload    held, not wanted
 * @param waiting     wanted, still on its way to the pod's disk: name to why
 * @param syncFailed  wanted, but the sidecar could not fetch it: name to the sidecar's message
 */
public record AdapterPlan(List<AdapterLocation> toLoad, List<String> toUnload, Map<String, String> waiting,
                          Map<String, String> syncFailed) {

    public static AdapterPlan of(List<AdapterLocation> wanted, Map<String, SyncedAdapter> onDisk, Set<String> held) {
        List<AdapterLocation> toLoad = new ArrayList<>();
        Map<String, String> waiting = new LinkedHashMap<>();
        Map<String, String> syncFailed = new LinkedHashMap<>();
        for (AdapterLocation adapter : wanted) {
            if (held.contains(adapter.name())) {
                continue;
            }
            SyncedAdapter synced = onDisk.get(adapter.name());
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
        List<String> toUnload = held.stream().filter(name -> !wantedNames.contains(name)).sorted().toList();
        return new AdapterPlan(toLoad, toUnload, waiting, syncFailed);
    }
}
