package io.modeldeploy.gateway.catalog;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Which of the operator's pods can take requests, and where (pure). */
public final class PodInstances {
    /** The operator's label on every pod of a deployment, and the role label of multi-node group members. */
    public static final String DEPLOYMENT_LABEL = "modeldeploy.io/deployment";
    static final String ROLE_LABEL = "modeldeploy.io/role";
    /** The engine's serving port is named {@code http} (quickStart and the operator's Service use that name). */
    static final String PORT_NAME = "http";
    static final int DEFAULT_PORT = 8000;

    private PodInstances() {
    }

    /** The deployment a pod serves, from the operator's label. */
    public static Optional<String> deploymentOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? Optional.empty() : Optional.ofNullable(labels.get(DEPLOYMENT_LABEL));
    }

    /** A ready, addressable pod that answers clients (not a multi-node worker), or empty. */
    public static Optional<Instance> of(Pod pod) {
        Map<String, String> labels = Optional.ofNullable(pod.getMetadata().getLabels()).orElse(Map.of());
        if (labels.containsKey(ROLE_LABEL) && !"leader".equals(labels.get(ROLE_LABEL))) {
            return Optional.empty();
        }
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || pod.getStatus().getPodIP() == null || !ready(pod)) {
            return Optional.empty();
        }
        return Optional.of(new Instance(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                pod.getStatus().getPodIP(), port(pod)));
    }

    private static boolean ready(Pod pod) {
        return Optional.ofNullable(pod.getStatus().getConditions()).orElse(List.of()).stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int port(Pod pod) {
        List<Container> containers = Optional.ofNullable(pod.getSpec()).map(s -> s.getContainers()).orElse(List.of());
        return containers.stream().flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                .filter(p -> PORT_NAME.equals(p.getName())).map(ContainerPort::getContainerPort)
                .filter(Objects::nonNull).findFirst()
                .orElse(DEFAULT_PORT);
    }
}
