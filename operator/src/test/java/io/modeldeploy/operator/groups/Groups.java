package io.modeldeploy.operator.groups;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.render.GroupPodRenderer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Live-looking pods of multi-node groups, as the API server would return them, for planner and status tests. */
public final class Groups {
    public static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private Groups() {
    }

    /** vLLM on H100 x 2 per node, {@code workers} nodes per instance, {@code replicas} groups. */
    public static ModelDeployment md(int workers, int replicas) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setWorkers(workers);
        md.getSpec().setReplicas(replicas);
        return md;
    }

    public static String digest(ModelDeployment md) {
        return GroupPodRenderer.digest(Fixtures.resolve(md), Fixtures.apiKeyRef(), Fixtures.settings());
    }

    /** The group's pods, every one scheduled, running and ready, created {@code ageSeconds} before NOW. */
    public static List<Pod> ready(ModelDeployment md, int group, String incarnation, long ageSeconds) {
        return rendered(md, group, incarnation, ageSeconds, Optional.empty()).stream().map(Groups::readyPod).toList();
    }

    public static List<Pod> rendered(ModelDeployment md, int group, String incarnation, long ageSeconds,
                                     Optional<GroupPodRenderer.Replacement> replacement) {
        List<Pod> pods = new ArrayList<>();
        for (Pod pod : GroupPodRenderer.render(Fixtures.resolve(md), Fixtures.apiKeyRef(), Fixtures.settings(), group, incarnation, replacement)) {
            pod.getMetadata().setCreationTimestamp(NOW.minusSeconds(ageSeconds).toString());
            pod.getMetadata().setUid(pod.getMetadata().getName() + "-uid");
            pods.add(pod);
        }
        return pods;
    }

    public static Pod readyPod(Pod pod) {
        return status(pod, "sim-node-" + pod.getMetadata().getName().hashCode(), true, 0);
    }

    public static Pod loadingPod(Pod pod) {
        return status(pod, "sim-node-" + pod.getMetadata().getName().hashCode(), false, 0);
    }

    public static Pod restarted(Pod pod, int restarts) {
        return status(pod, "sim-node-1", true, restarts);
    }

    public static Pod unschedulable(Pod pod, String message) {
        return new PodBuilder(pod).editSpec().withNodeName(null).endSpec().withNewStatus().withPhase("Pending")
                .addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                        .withReason("Unschedulable").withMessage(message).build())
                .endStatus().build();
    }

    public static List<Pod> with(List<Pod> pods, int index, UnaryOperator<Pod> change) {
        List<Pod> out = new ArrayList<>(pods);
        out.set(index, change.apply(out.get(index)));
        return out;
    }

    public static List<Pod> without(List<Pod> pods, int index) {
        List<Pod> out = new ArrayList<>(pods);
        out.remove(index);
        return out;
    }

    @SafeVarargs
    public static List<Pod> all(List<Pod>... groups) {
        List<Pod> out = new ArrayList<>();
        for (List<Pod> g : groups) {
            out.addAll(g);
        }
        return out;
    }

    private static Pod status(Pod pod, String node, boolean ready, int restarts) {
        var cs = new ContainerStatusBuilder().withName("engine").withRestartCount(restarts).withReady(ready).withStarted(true)
                .withNewState().withNewRunning().withStartedAt(NOW.minusSeconds(30).toString()).endRunning().endState();
        if (restarts > 0) {
            cs.withNewLastState().withNewTerminated().withExitCode(137).withReason("Error").endTerminated().endLastState();
        }
        return new PodBuilder(pod).editSpec().withNodeName(node).endSpec().withNewStatus().withPhase("Running")
                .withPodIP("10.0.0.1")
                .addToConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("True").build())
                .addToConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build())
                .addToContainerStatuses(cs.build())
                .endStatus().build();
    }
}
