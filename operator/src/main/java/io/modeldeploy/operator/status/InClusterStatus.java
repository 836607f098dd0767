package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.deployment.Labels;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The status of an in-cluster deployment, computed from the live Deployment and its pods (api.md's
 * phase rules). Pure: condition transition times are filled in later by {@link Conditions#carryOver}.
 */
public final class InClusterStatus {
    private InClusterStatus() {
    }

    public static ModelDeploymentStatus compute(ResolvedDeployment d, Optional<Deployment> deployment, List<Pod> pods) {
        return compute(d, deployment, pods, Map.of());
    }

    /**
     * @param adapters what each ready pod's engine holds (by pod name), for deployments with LoRA enabled:
     *                 such a deployment is Running only when every ready instance holds every adapter
     */
    public static ModelDeploymentStatus compute(ResolvedDeployment d, Optional<Deployment> deployment, List<Pod> pods,
                                                Map<String, InstanceAdapters> adapters) {
        int desired = d.desiredReplicas();
        List<PodDiagnosis> all = pods.stream().filter(InClusterStatus::notFinished).map(PodDiagnosis::of)
                .sorted(Comparator.comparing(PodDiagnosis::name)).toList();
        List<PodDiagnosis> active = all.stream().filter(p -> !p.terminating()).toList();
        boolean rolledOut = deployment.map(live -> rolledOut(live, desired)).orElse(false);
        boolean lora = d.loraEnabled();
        return compute(d, active, all.size(), rolledOut, adapters, p -> instance(p, lora
                ? Optional.ofNullable(adapters.get(p.name())).map(InstanceAdapters::loaded).or(() -> Optional.of(List.of()))
                : Optional.empty()));
    }

    /**
     * The status from the instances' diagnoses, whatever an instance is made of (one pod, or a group of pods).
     *
     * @param podsLeft pods that have not finished, terminating ones included (a stop is complete at zero)
     * @param rolledOut every instance runs the current spec and there are as many as wanted
     */
    static ModelDeploymentStatus compute(ResolvedDeployment d, List<PodDiagnosis> active, int podsLeft, boolean rolledOut,
                                         Map<String, InstanceAdapters> adapters,
                                         Function<PodDiagnosis, InstanceStatus> describe) {
        Long generation = d.ref().generation();
        int desired = d.desiredReplicas();
        int ready = (int) active.stream().filter(PodDiagnosis::ready).count();
        boolean lora = d.loraEnabled();
        Optional<Condition> adaptersReady = !lora ? Optional.empty() : Optional.of(desired == 0
                // Nothing should hold adapters: not a wait for instances, which would never end.
                ? Conditions.of(Conditions.ADAPTERS_READY, false, "NoInstances", "no instances are wanted", generation)
                : AdapterConditions.adaptersReady(active, adapters, generation));
        boolean adaptersComplete = adaptersReady.map(c -> "True".equals(c.getStatus())).orElse(true);
        Optional<PodDiagnosis.Problem> problem = active.stream().flatMap(p -> p.problem().stream())
                .max(Comparator.comparingInt(PodDiagnosis.Problem::severity))
                .or(() -> lora ? AdapterConditions.loadFailure(active, adapters) : Optional.empty());

        Phase phase;
        Condition readyCondition;
        if (desired == 0) {
            boolean stopping = podsLeft > 0;
            phase = stopping ? Phase.Stopping : Phase.Stopped;
            String why = d.stopped() ? "Stopped" : "ScaledToZero";
            readyCondition = Conditions.of(Conditions.READY, false, stopping ? "Stopping" : why,
                    stopping ? podsLeft + " pods still terminating" : (d.stopped() ? "stopped by spec.stopped"
                            : d.scale().map(s -> "scaled to zero by the autoscaler (" + s.reason()
                            + "); a request through the gateway starts an instance").orElse("spec.replicas is 0")),
                    generation);
        } else if (active.stream().noneMatch(PodDiagnosis::scheduled)) {
            phase = Phase.Pending;
            String why = active.stream().map(PodDiagnosis::unscheduledMessage).filter(m -> !m.isEmpty()).findFirst()
                    .map(m -> "no instance can be scheduled: " + m).orElse("waiting for instances to be created");
            readyCondition = Conditions.of(Conditions.READY, false,
                    problem.map(PodDiagnosis.Problem::reason).orElse("Pending"), why, generation);
        } else if (ready >= desired && rolledOut && adaptersComplete) {
            phase = Phase.Running;
            readyCondition = Conditions.of(Conditions.READY, true, "AllInstancesReady",
                    ready + "/" + desired + " instances ready", generation);
        } else if (ready >= desired && rolledOut) {
            phase = Phase.Starting;
            readyCondition = Conditions.of(Conditions.READY, false, "AdaptersNotReady",
                    adaptersReady.map(Condition::getMessage).orElse(""), generation);
        } else {
            phase = Phase.Starting;
            readyCondition = Conditions.of(Conditions.READY, false, "InstancesNotReady",
                    ready + "/" + desired + " instances ready", generation);
        }
        boolean settled = phase == Phase.Running || phase == Phase.Stopped;
        Condition progressing = Conditions.of(Conditions.PROGRESSING, !settled,
                settled ? "Complete" : (phase == Phase.Stopping ? "Stopping" : "Deploying"),
                settled ? "desired state reached" : readyCondition.getMessage(), generation);
        Condition degraded = problem
                .map(p -> Conditions.of(Conditions.DEGRADED, true, p.reason(), p.message(), generation))
                .orElseGet(() -> Conditions.of(Conditions.DEGRADED, false, "AsExpected", "no failing instances", generation));

        ModelDeploymentStatus status = Statuses.base(d);
        status.setPhase(phase);
        status.setReplicas(active.size());
        status.setReadyReplicas(ready);
        status.setReady(ready + "/" + desired);
        status.setSelector(Labels.selectorString(d.ref()));
        status.setInstances(active.stream().map(describe).toList());
        List<Condition> conditions = new ArrayList<>(List.of(readyCondition, progressing));
        adaptersReady.ifPresent(conditions::add);
        conditions.add(degraded);
        status.setConditions(conditions);
        return status;
    }

    /**
     * Failed (e.g. evicted) and Succeeded pods will never serve again: the ReplicaSet has already replaced
     * them and no longer counts them. They are not reported as problems either, because they linger until
     * pod garbage collection and would keep Degraded (or Stopping) set long after the replacement serves.
     */
    static boolean notFinished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Failed".equals(phase) && !"Succeeded".equals(phase);
    }

    private static boolean rolledOut(Deployment live, int desired) {
        var s = live.getStatus();
        if (s == null || live.getMetadata().getGeneration() == null) {
            return false;
        }
        boolean observed = s.getObservedGeneration() != null && s.getObservedGeneration() >= live.getMetadata().getGeneration();
        int updated = s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int total = s.getReplicas() == null ? 0 : s.getReplicas();
        return observed && updated >= desired && total == desired;
    }

    static InstanceStatus instance(PodDiagnosis pod, Optional<List<String>> loraModels) {
        InstanceStatus instance = new InstanceStatus();
        instance.setInstanceId(pod.name());
        instance.setReady(pod.ready());
        instance.setBaseModelReady(pod.ready());
        loraModels.ifPresent(instance::setLoraModels);
        if (!pod.ready()) {
            instance.setMessage(pod.problem().map(PodDiagnosis.Problem::message)
                    .orElse(pod.scheduled() ? "starting: loading the model" : "waiting to be scheduled"));
        }
        return instance;
    }
}
