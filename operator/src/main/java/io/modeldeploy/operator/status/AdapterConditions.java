package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.modeldeploy.operator.adapters.InstanceAdapters;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AdaptersReady and the adapter part of Degraded, from what each ready instance's engine reported. */
final class AdapterConditions {
    private AdapterConditions() {
    }

    static Condition adaptersReady(List<PodDiagnosis> active, Map<String, InstanceAdapters> adapters, Long generation) {
        List<PodDiagnosis> ready = active.stream().filter(PodDiagnosis::ready).toList();
        if (ready.isEmpty()) {
            return Conditions.of(Conditions.ADAPTERS_READY, false, "WaitingForInstances",
                    "no instance is ready to load adapters", generation);
        }
        // A failure on any instance outranks loading on another, as in Degraded.
        Optional<PodDiagnosis.Problem> failure = loadFailure(active, adapters);
        if (failure.isPresent()) {
            return Conditions.of(Conditions.ADAPTERS_READY, false, "AdapterLoadFailed", failure.get().message(), generation);
        }
        for (PodDiagnosis pod : ready) {
            InstanceAdapters state = adapters.get(pod.name());
            if (state == null) {
                return Conditions.of(Conditions.ADAPTERS_READY, false, "AdaptersLoading",
                        "pod " + pod.name() + ": adapters not synced yet", generation);
            }
            if (!state.complete()) {
                return Conditions.of(Conditions.ADAPTERS_READY, false, "AdaptersLoading",
                        describe(pod.name(), state.waiting()), generation);
            }
        }
        return Conditions.of(Conditions.ADAPTERS_READY, true, "AllAdaptersLoaded",
                "every ready instance holds every adapter", generation);
    }

    /** A load the engine refused is Degraded, with the engine's own message; downloads in progress are not. */
    static Optional<PodDiagnosis.Problem> loadFailure(List<PodDiagnosis> active, Map<String, InstanceAdapters> adapters) {
        return active.stream().filter(PodDiagnosis::ready)
                .filter(p -> adapters.containsKey(p.name()) && !adapters.get(p.name()).failed().isEmpty())
                .findFirst()
                .map(p -> new PodDiagnosis.Problem("AdapterLoadFailed", describe(p.name(), adapters.get(p.name()).failed()), 2));
    }

    private static String describe(String pod, Map<String, String> byAdapter) {
        StringBuilder out = new StringBuilder("pod ").append(pod).append(":");
        byAdapter.forEach((adapter, why) -> out.append(InstanceAdapters.WHOLE_ENGINE.equals(adapter) ? "" : " adapter " + adapter + ":")
                .append(" ").append(why).append(";"));
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
