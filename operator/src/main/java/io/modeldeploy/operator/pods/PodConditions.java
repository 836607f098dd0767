package io.modeldeploy.operator.pods;

import io.fabric8.kubernetes.api.model.Pod;

/** What a pod's conditions say, read the same way by the group planner and the status. */
public final class PodConditions {
    private PodConditions() {
    }

    /** The kubelet's Ready condition is True: every container passed its readiness probe. */
    public static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
