package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.InNamespace;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The suite's deployments in one namespace: applies each step as a user would (create, merge patch of the spec,
 * delete) and keeps what is wanted of each, which the audit holds the cluster and the vendor to.
 */
final class Fleet {
    private final InNamespace ns;
    private final String drunUrl;
    private final Map<String, Wanted> wanted = new LinkedHashMap<>();
    /** Deleted since the last converged audit: they may still be finalizing, so their names are not reused yet. */
    private final Set<String> deleted = new HashSet<>();

    Fleet(InNamespace ns, String drunUrl) {
        this.ns = ns;
        this.drunUrl = drunUrl;
    }

    InNamespace namespace() {
        return ns;
    }

    /** Creates the LoRA services' base, which the steps never touch. */
    void createLoraBase() {
        ns.create(ChaosManifests.loraBase());
        wanted.put(ChaosManifests.LORA_BASE, new Wanted(ChaosManifests.LORA_BASE, Kind.LORA_BASE, 1, false,
                java.util.List.of()));
    }

    void apply(Step step) {
        switch (step.action()) {
            case CREATE -> ns.create(ChaosManifests.manifest(step.after(), drunUrl));
            case SCALE, STOP, START, ADAPTERS -> ns.patchSpec(step.name(), ChaosManifests.specPatch(step.after()));
            case DELETE -> ns.mds().withName(step.name()).delete();
        }
        if (step.after() == null) {
            wanted.remove(step.name());
            deleted.add(step.name());
        } else {
            wanted.put(step.name(), step.after());
        }
    }

    Map<String, Wanted> wanted() {
        return Map.copyOf(wanted);
    }

    Set<String> deleted() {
        return Set.copyOf(deleted);
    }

    /** After a converged audit: the deleted deployments are gone, their names free again. */
    void deletionsConfirmed() {
        deleted.clear();
    }

    /** Deletes every deployment of the fleet (the base last), for the scenario's end. */
    void deleteAll() {
        wanted.keySet().stream().filter(n -> !n.equals(ChaosManifests.LORA_BASE)).toList()
                .forEach(n -> apply(Step.delete(n)));
        if (wanted.containsKey(ChaosManifests.LORA_BASE)) {
            apply(Step.delete(ChaosManifests.LORA_BASE));
        }
    }
}
