package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;

/** Facts about live pods that more than the status computation needs. */
public final class LivePods {
    private LivePods() {
    }

    /** Ready, not terminating, with an IP: an instance the Service sends requests to. */
    public static boolean servesRequests(Pod pod) {
        PodDiagnosis d = PodDiagnosis.of(pod);
        return d.ready() && !d.terminating() && pod.getStatus().getPodIP() != null;
    }

    /** The container that declares {@code port}, else the first one. */
    public static Container container(Pod pod, int port) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> c.getPorts() != null && c.getPorts().stream()
                        .anyMatch(p -> Integer.valueOf(port).equals(p.getContainerPort())))
                .findFirst().orElse(pod.getSpec().getContainers().get(0));
    }
}
