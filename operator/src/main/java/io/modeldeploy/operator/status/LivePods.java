package io.modeldeploy.operator.status;

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
}
