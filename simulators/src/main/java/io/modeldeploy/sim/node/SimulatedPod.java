package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pod bound to a simulated node: its containers, its address, and the status the kubelet would
 * report. Conditions keep their transition times until their value flips, as the kubelet's do.
 */
final class SimulatedPod {

    private final String namespace;
    private final String name;
    private final String uid;
    private final SimulatedNode node;
    private final String podIp;
    private final Instant startTime;
    private final List<SimulatedContainer> containers = new ArrayList<>();
    private final List<Container> initContainers;
    private final Map<String, PodCondition> conditions = new HashMap<>();
    private final Duration engineLoadDelay;
    private final PodVolumes volumes;
    private String restartToken;
    private PodStatus lastWritten;

    SimulatedPod(Pod pod, SimulatedNode node, String podIp, NodeSimulatorConfig config, Instant now,
                 io.fabric8.kubernetes.client.KubernetesClient client) {
        this.volumes = new PodVolumes(pod, client);
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.uid = pod.getMetadata().getUid();
        this.node = node;
        this.podIp = podIp;
        this.startTime = now;
        this.initContainers = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        for (Container c : pod.getSpec().getContainers()) {
            containers.add(new SimulatedContainer(c, config));
        }
        this.restartToken = restartTokenOf(pod);
        this.engineLoadDelay = loadDelayOf(pod, config);
    }

    /** Tests may give one pod a slower (or faster) model load than the simulator's default. */
    private static Duration loadDelayOf(Pod pod, NodeSimulatorConfig config) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(SimAnnotations.ENGINE_LOAD_DELAY_MS);
        try {
            return value == null ? config.engineLoadDelay() : Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return config.engineLoadDelay();
        }
    }

    /** Shared by the pod's containers: what one writes into an emptyDir, the others see. */
    PodVolumes volumes() {
        return volumes;
    }

    Duration engineLoadDelay() {
        return engineLoadDelay;
    }

    String key() {
        return namespace + "/" + name;
    }

    String namespace() {
        return namespace;
    }

    String name() {
        return name;
    }

    String uid() {
        return uid;
    }

    SimulatedNode node() {
        return node;
    }

    String podIp() {
        return podIp;
    }

    List<SimulatedContainer> containers() {
        return containers;
    }

    /** True when the pod's restart annotation carries a value not seen before. */
    boolean takeRestartRequest(Pod pod) {
        String token = restartTokenOf(pod);
        if (token == null || token.equals(restartToken)) {
            return false;
        }
        restartToken = token;
        return true;
    }

    private static String restartTokenOf(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(SimAnnotations.RESTART_ENGINE);
    }

    void stop() {
        containers.forEach(SimulatedContainer::stopEngine);
    }

    PodStatus status(Instant now) {
        boolean allReady = containers.stream().allMatch(SimulatedContainer::ready);
        boolean anyStarted = containers.stream().anyMatch(SimulatedContainer::everStarted);
        setCondition("PodScheduled", true, null, null, now);
        setCondition("Initialized", true, null, null, now);
        String notReady = containers.stream().filter(c -> !c.ready()).map(SimulatedContainer::name).toList().toString();
        setCondition("ContainersReady", allReady, allReady ? null : "ContainersNotReady",
                allReady ? null : "containers with unready status: " + notReady, now);
        setCondition("Ready", allReady, allReady ? null : "ContainersNotReady",
                allReady ? null : "containers with unready status: " + notReady, now);

        List<ContainerStatus> initStatuses = new ArrayList<>();
        for (Container init : initContainers) {
            initStatuses.add(new ContainerStatusBuilder()
                    .withName(init.getName()).withImage(init.getImage()).withImageID("sim://" + init.getImage())
                    .withReady(true).withRestartCount(0)
                    .withNewState().withNewTerminated().withExitCode(0).withReason("Completed")
                    .withStartedAt(SimulatedContainer.timestamp(startTime))
                    .withFinishedAt(SimulatedContainer.timestamp(startTime)).endTerminated().endState()
                    .build());
        }
        return new PodStatusBuilder()
                .withPhase(anyStarted ? "Running" : "Pending")
                .withHostIP(node.address())
                .withPodIP(podIp)
                .withPodIPs(new PodIP(podIp))
                .withStartTime(SimulatedContainer.timestamp(startTime))
                .withQosClass(null)
                .withConditions(List.of(conditions.get("Initialized"), conditions.get("Ready"),
                        conditions.get("ContainersReady"), conditions.get("PodScheduled")))
                .withInitContainerStatuses(initStatuses)
                .withContainerStatuses(containers.stream().map(SimulatedContainer::status).toList())
                .build();
    }

    private void setCondition(String type, boolean value, String reason, String message, Instant now) {
        String status = value ? "True" : "False";
        PodCondition current = conditions.get(type);
        String transition = current != null && current.getStatus().equals(status)
                ? current.getLastTransitionTime() : SimulatedContainer.timestamp(now);
        conditions.put(type, new PodConditionBuilder()
                .withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(transition).withLastProbeTime(null)
                .build());
    }

    /** @return the status to write, or null when it equals what was last written. */
    PodStatus statusToWrite(Instant now) {
        PodStatus status = status(now);
        if (Objects.equals(status, lastWritten)) {
            return null;
        }
        return status;
    }

    void written(PodStatus status) {
        lastWritten = status;
    }
}
