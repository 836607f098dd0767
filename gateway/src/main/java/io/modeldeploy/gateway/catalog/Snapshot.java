package io.modeldeploy.gateway.catalog;

import io.modeldeploy.gateway.keys.KeyDirectory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One consistent view of the cluster for routing: deployments by name, ready instances by serving deployment
 * ({@code <namespace>/<name>}), keys, and the deployments with {@code spec.autoscaling} by the same id. Replaced as a
 * whole when anything changes; requests read it lock-free.
 */
public record Snapshot(Collection<DeploymentView> deployments, ModelIndex index, Map<String, List<Instance>> instances,
                       KeyDirectory keys, Map<String, Autoscaled> autoscaled) {
    public static final Snapshot EMPTY = new Snapshot(List.of(), new ModelIndex(List.of()), Map.of(), KeyDirectory.EMPTY,
            Map.of());

    /** The autoscaling of the deployment whose pods serve {@code d} (itself, or a LoRA service's base). */
    public Optional<Autoscaled> autoscaling(DeploymentView d) {
        return Optional.ofNullable(autoscaled.get(d.namespace() + "/" + d.podOwner()));
    }

    /** Whether the deployment {@code <namespace>/<name>} has a ready instance. */
    public boolean anyReady(String deploymentId) {
        return !instances.getOrDefault(deploymentId, List.of()).isEmpty();
    }

    /** The ready instances that may serve the deployment's model, or, for an adapter, those holding it. */
    public List<Instance> candidates(DeploymentView d, String engineModel) {
        List<Instance> ready = instances.getOrDefault(d.namespace() + "/" + d.podOwner(), List.of());
        return d.adapterFor(engineModel)
                .map(adapter -> ready.stream()
                        .filter(i -> d.heldAdapters().getOrDefault(i.id(), Set.of()).contains(adapter)).toList())
                .orElse(ready);
    }
}
