package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.modeldeploy.operator.Fixtures;

/** Pods and Deployments as the API server reports them at each stage of an instance's life. */
public final class Pods {
    static final String NODE = "gpu-node-1";
    static final String STARTED_AT = "2025-01-01T10:00:00Z";
    static final String INSUFFICIENT_GPU = "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.";

    private Pods() {
    }

    private static PodCondition condition(String type, boolean status) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False").build();
    }

    private static PodBuilder pod(String name) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(Fixtures.NAMESPACE)
                .addToLabels("modeldeploy.io/deployment", Fixtures.NAME).endMetadata()
                .withNewSpec().addNewContainer().withName("engine").endContainer().endSpec();
    }

    /** Scheduled on {@link #NODE}, with the given engine container status and pod Ready condition. */
    private static Pod scheduled(String name, boolean ready, ContainerStatus engine) {
        return pod(name)
                .editSpec().withNodeName(NODE).endSpec()
                .withNewStatus().withPhase(ready ? "Running" : "Pending")
                .withConditions(condition("PodScheduled", true), condition("ContainersReady", ready), condition("Ready", ready))
                .withContainerStatuses(engine)
                .endStatus()
                .build();
    }

    private static ContainerStatusBuilder engine() {
        return new ContainerStatusBuilder().withName("engine").withImage("docker.io/vllm/vllm-openai:v0.8.4");
    }

    private static ContainerStatus waiting(String reason, String message) {
        return engine().withReady(false).withStarted(false).withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build();
    }

    /** The scheduler found no node; PodScheduled=False carries its reason and message. */
    static Pod unschedulable(String name, String message) {
        return pod(name)
                .withNewStatus().withPhase("Pending")
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage(message).endCondition()
                .endStatus()
                .build();
    }

    /** Created, not yet looked at by the scheduler. */
    static Pod created(String name) {
        return pod(name).withNewStatus().withPhase("Pending").endStatus().build();
    }

    /** On a node, engine running and still loading the model: not ready, never was. */
    public static Pod loading(String name) {
        return scheduled(name, false, engine().withReady(false).withStarted(true)
                .withNewState().withNewRunning().withStartedAt(STARTED_AT).endRunning().endState().build());
    }

    public static Pod ready(String name) {
        return scheduled(name, true, engine().withReady(true).withStarted(true)
                .withNewState().withNewRunning().withStartedAt(STARTED_AT).endRunning().endState().build());
    }

    static Pod crashLooping(String name, int lastExitCode) {
        return crashLooping(name, lastExitCode, null);
    }

    /** {@code lastWords}: the terminated container's message, as the kubelet keeps it (null: none). */
    static Pod crashLooping(String name, int lastExitCode, String lastWords) {
        ContainerStatus status = new ContainerStatusBuilder(waiting("CrashLoopBackOff", "back-off 5m0s restarting failed container"))
                .withRestartCount(7)
                .withNewLastState().withNewTerminated().withExitCode(lastExitCode).withReason("Error")
                .withMessage(lastWords).endTerminated()
                .endLastState().build();
        return scheduled(name, false, status);
    }

    static Pod imagePullBackOff(String name) {
        return scheduled(name, false, waiting("ImagePullBackOff", "Back-off pulling image \"docker.io/vllm/vllm-openai:v0.8.4\""));
    }

    static Pod waitingWith(String name, String reason) {
        return scheduled(name, false, waiting(reason, "details"));
    }

    /** Was ready, then its readiness probe started failing: ContainersReady flipped after the container started. */
    static Pod readinessLost(String name) {
        return pod(name)
                .editSpec().withNodeName(NODE).endSpec()
                .withNewStatus().withPhase("Running")
                .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                .addNewCondition().withType("ContainersReady").withStatus("False")
                .withLastTransitionTime("2025-01-01T11:00:00Z").endCondition()
                .addNewCondition().withType("Ready").withStatus("False").endCondition()
                .withContainerStatuses(engine().withReady(false).withStarted(true)
                        .withNewState().withNewRunning().withStartedAt(STARTED_AT).endRunning().endState().build())
                .endStatus()
                .build();
    }

    /** Evicted by the kubelet (node pressure): phase Failed, containers gone; the pod object stays until garbage-collected. */
    static Pod evicted(String name) {
        return pod(name)
                .editSpec().withNodeName(NODE).endSpec()
                .withNewStatus().withPhase("Failed").withReason("Evicted")
                .withMessage("The node was low on resource: memory.")
                .withConditions(condition("PodScheduled", true), condition("Ready", false))
                .withContainerStatuses(engine().withReady(false).withStarted(false)
                        .withNewState().withNewTerminated().withExitCode(137).withReason("OOMKilled").endTerminated()
                        .endState().build())
                .endStatus()
                .build();
    }

    /** The pod with a deletion timestamp: it is shutting down. */
    public static Pod terminating(Pod pod) {
        return new PodBuilder(pod).editMetadata().withDeletionTimestamp("2025-01-01T12:00:00Z").endMetadata().build();
    }

    /** A Deployment whose controller has seen {@code observedGeneration} and reports these replica counts. */
    static Deployment deployment(long generation, long observedGeneration, int replicas, int updatedReplicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(Fixtures.NAME).withNamespace(Fixtures.NAMESPACE).withGeneration(generation)
                .endMetadata()
                .withNewStatus().withObservedGeneration(observedGeneration).withReplicas(replicas)
                .withUpdatedReplicas(updatedReplicas).withReadyReplicas(replicas).endStatus()
                .build();
    }

    /** Rolled out: the latest generation observed, every replica updated. */
    public static Deployment rolledOut(int replicas) {
        return deployment(4, 4, replicas, replicas);
    }
}
