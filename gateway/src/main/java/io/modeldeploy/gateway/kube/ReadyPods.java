package io.modeldeploy.gateway.kube;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Counting the gateway's own replicas from their pods (pure). */
public final class ReadyPods {
    private ReadyPods() {
    }

    /** Pods Ready and not being deleted. */
    public static int count(Collection<Pod> pods) {
        return (int) pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
                && Optional.ofNullable(p.getStatus().getConditions()).orElse(List.of()).stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))).count();
    }

    /**
     * A label selector of equalities, {@code k=v,k2=v2}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Map<String, String> labels(String selector) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String term : selector.split(",")) {
            String[] kv = term.trim().split("=", -1);
            if (kv.length != 2 || kv[0].isBlank() || term.contains("!")) {
                throw new IllegalArgumentException("not a k=v label selector: '" + selector + "'");
            }
            labels.put(kv[0].trim(), kv[1].trim());
        }
        return labels;
    }
}
