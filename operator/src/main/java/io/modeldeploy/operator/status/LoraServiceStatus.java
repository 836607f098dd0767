package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.engine.Engines;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status of a LoRA service (spec.lora.baseRef): its adapters as the base's instances really hold
 * them. Pure; the base's live status and its last adapter sync are the inputs.
 */
public final class LoraServiceStatus {
    private LoraServiceStatus() {
    }

    /**
     * @param base      the base deployment, if it exists
     * @param report    the base's last adapter sync per pod, for the engines' error messages
     * @param conflict  why some of this service's adapters are not served (a name taken on the base)
     */
    public static ModelDeploymentStatus compute(ResolvedDeployment d, Optional<LoraBase> base,
                                                Map<String, InstanceAdapters> report, Optional<String> conflict) {
        Long generation = d.ref().generation();
        ModelDeploymentStatus status = Statuses.base(d);
        status.setServiceUrl(null);
        status.setApiKeySecret(null);
        List<String> names = d.adapterNames();
        String baseName = d.loraService().orElseThrow().baseName();
        if (base.isEmpty()) {
            return pending(status, "BaseNotFound", "base ModelDeployment " + baseName + " does not exist in this namespace",
                    generation);
        }
        ModelDeploymentStatus baseStatus = base.get().status().orElse(null);
        if (!base.get().loraEnabled()) {
            return pending(status, "BaseLoraDisabled", "base " + baseName
                    + " does not run with LoRA enabled: give it spec.adapters (an empty list will do)", generation);
        }
        if (baseStatus == null || baseStatus.getPhase() != Phase.Running) {
            return pending(status, "BaseNotReady", "base " + baseName + " is "
                    + (baseStatus == null || baseStatus.getPhase() == null ? "not reconciled yet" : baseStatus.getPhase()),
                    generation);
        }

        status.setBaseServiceId(baseStatus.getServiceId());
        status.setServiceUrl(baseStatus.getServiceUrl());
        status.setApiKeySecret(baseStatus.getApiKeySecret());
        status.setModelId(baseStatus.getModelId());
        status.setServedNames(clientModelNames(base.get(), baseStatus, names));
        List<InstanceStatus> instances = new ArrayList<>();
        for (InstanceStatus baseInstance : Optional.ofNullable(baseStatus.getInstances()).orElse(List.of())) {
            List<String> held = heldBy(baseInstance, report).stream().filter(names::contains).toList();
            InstanceStatus instance = new InstanceStatus();
            instance.setInstanceId(baseInstance.getInstanceId());
            instance.setBaseModelReady(baseInstance.getReady());
            instance.setLoraModels(held);
            instance.setReady(Boolean.TRUE.equals(baseInstance.getReady()) && held.containsAll(names));
            instances.add(instance);
        }
        status.setInstances(instances);
        int ready = (int) instances.stream().filter(i -> Boolean.TRUE.equals(i.getReady())).count();
        status.setReplicas(instances.size());
        status.setReadyReplicas(ready);
        status.setReady(ready + "/" + instances.size());

        Map<String, String> failures = failures(report, names);
        boolean allHeld = !instances.isEmpty() && ready == instances.size() && conflict.isEmpty();
        status.setPhase(allHeld ? Phase.Running : Phase.Starting);
        Condition adapters;
        if (conflict.isPresent()) {
            adapters = Conditions.of(Conditions.ADAPTERS_READY, false, "AdapterNameConflict", conflict.get(), generation);
        } else if (!failures.isEmpty()) {
            adapters = Conditions.of(Conditions.ADAPTERS_READY, false, "AdapterLoadFailed", describe(failures), generation);
        } else if (allHeld) {
            adapters = Conditions.of(Conditions.ADAPTERS_READY, true, "AllAdaptersLoaded",
                    "every instance of " + baseName + " holds " + String.join(", ", names), generation);
        } else {
            adapters = Conditions.of(Conditions.ADAPTERS_READY, false, "AdaptersLoading",
                    ready + "/" + instances.size() + " instances of " + baseName + " hold every adapter", generation);
        }
        Condition readyCondition = allHeld
                ? Conditions.of(Conditions.READY, true, "AllAdaptersLoaded", adapters.getMessage(), generation)
                : Conditions.of(Conditions.READY, false, adapters.getReason(), adapters.getMessage(), generation);
        Condition degraded = conflict.isPresent() || !failures.isEmpty()
                ? Conditions.of(Conditions.DEGRADED, true, adapters.getReason(), adapters.getMessage(), generation)
                : Conditions.of(Conditions.DEGRADED, false, "AsExpected", "no failing adapters", generation);
        Condition progressing = Conditions.of(Conditions.PROGRESSING, !allHeld, allHeld ? "Complete" : "Deploying",
                allHeld ? "desired state reached" : adapters.getMessage(), generation);
        status.setConditions(new ArrayList<>(List.of(readyCondition, progressing, adapters, degraded)));
        return status;
    }

    /**
     * What the instance's engine holds: as the base's last sync read it back, which is newer than the base's status
     * (the sync runs before the status is written), else as that status says.
     */
    private static List<String> heldBy(InstanceStatus baseInstance, Map<String, InstanceAdapters> report) {
        return Optional.ofNullable(report.get(baseInstance.getInstanceId())).filter(InstanceAdapters::reachable)
                .map(InstanceAdapters::loaded)
                .or(() -> Optional.ofNullable(baseInstance.getLoraModels()))
                .orElse(List.of());
    }

    /** What a client sends as "model" for each adapter: the base's engine decides. */
    private static List<String> clientModelNames(LoraBase base, ModelDeploymentStatus baseStatus, List<String> names) {
        String baseServed = Optional.ofNullable(baseStatus.getServedNames()).filter(l -> !l.isEmpty()).map(l -> l.get(0))
                .orElse(base.name());
        return base.engine().map(Engines::of)
                .map(engine -> names.stream().map(n -> engine.adapterModelName(baseServed, n)).toList())
                .orElse(names);
    }

    private static Map<String, String> failures(Map<String, InstanceAdapters> report, List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        report.forEach((pod, state) -> state.failed().forEach((adapter, why) -> {
            if (names.contains(adapter)) {
                out.putIfAbsent(adapter, "pod " + pod + ": " + why);
            }
        }));
        return out;
    }

    private static String describe(Map<String, String> failures) {
        StringBuilder out = new StringBuilder();
        failures.forEach((adapter, why) -> out.append(out.isEmpty() ? "" : "; ").append("adapter ").append(adapter)
                .append(" on ").append(why));
        return out.toString();
    }

    private static ModelDeploymentStatus pending(ModelDeploymentStatus status, String reason, String message, Long generation) {
        status.setPhase(Phase.Pending);
        status.setReplicas(0);
        status.setReadyReplicas(0);
        status.setInstances(List.of());
        status.setConditions(new ArrayList<>(List.of(
                Conditions.of(Conditions.READY, false, reason, message, generation),
                Conditions.of(Conditions.PROGRESSING, true, reason, message, generation),
                Conditions.of(Conditions.ADAPTERS_READY, false, reason, message, generation),
                Conditions.of(Conditions.DEGRADED, false, "AsExpected", "waiting for the base", generation))));
        return status;
    }
}
