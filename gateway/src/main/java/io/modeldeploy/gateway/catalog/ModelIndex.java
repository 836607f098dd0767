package io.modeldeploy.gateway.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Client model names to deployments. A name unique in the cluster works as is; {@code <namespace>/<name>} always
 * works (tried first, so a served name that itself contains '/' still resolves when no namespace matches).
 */
public final class ModelIndex {
    private final Map<String, List<DeploymentView>> byName = new HashMap<>();

    public ModelIndex(Collection<DeploymentView> deployments) {
        for (DeploymentView d : deployments) {
            for (String name : d.clientNames()) {
                byName.computeIfAbsent(name, n -> new ArrayList<>()).add(d);
            }
        }
    }

    public Resolution resolve(String model) {
        int slash = model.indexOf('/');
        if (slash > 0) {
            String namespace = model.substring(0, slash);
            String name = model.substring(slash + 1);
            List<DeploymentView> inNamespace = byName.getOrDefault(name, List.of()).stream()
                    .filter(d -> d.namespace().equals(namespace)).toList();
            if (inNamespace.size() == 1) {
                return new Resolution.Found(inNamespace.get(0), name);
            }
        }
        List<DeploymentView> matches = byName.getOrDefault(model, List.of());
        if (matches.isEmpty()) {
            return new Resolution.Unknown();
        }
        if (matches.size() == 1) {
            return new Resolution.Found(matches.get(0), model);
        }
        return new Resolution.Ambiguous(matches.stream().map(DeploymentView::id).sorted().toList());
    }

    /** Whether {@code name} alone names exactly one deployment (else clients must prefix the namespace). */
    public boolean unique(String name) {
        return byName.getOrDefault(name, List.of()).size() == 1;
    }
}
