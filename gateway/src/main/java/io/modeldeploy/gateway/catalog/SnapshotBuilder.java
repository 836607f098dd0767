package io.modeldeploy.gateway.catalog;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.gateway.keys.KeyDirectory;
import io.modeldeploy.gateway.keys.PublishedKeys;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a {@link Snapshot} from what the informers hold (pure). */
public final class SnapshotBuilder {
    private SnapshotBuilder() {
    }

    public static Snapshot build(Collection<ModelDeployment> deployments, Collection<Pod> pods, Collection<Secret> keys) {
        Map<String, ModelDeployment> byId = new HashMap<>();
        for (ModelDeployment md : deployments) {
            byId.put(md.getMetadata().getNamespace() + "/" + md.getMetadata().getName(), md);
        }
        List<DeploymentView> views = new ArrayList<>();
        for (ModelDeployment md : deployments) {
            String namespace = md.getMetadata().getNamespace();
            DeploymentViews.of(md, name -> Optional.ofNullable(byId.get(namespace + "/" + name))).ifPresent(views::add);
        }
        Map<String, List<Instance>> instances = new HashMap<>();
        for (Pod pod : pods) {
            Optional<String> owner = PodInstances.deploymentOf(pod);
            Optional<Instance> instance = PodInstances.of(pod);
            if (owner.isPresent() && instance.isPresent()) {
                instances.computeIfAbsent(pod.getMetadata().getNamespace() + "/" + owner.get(), k -> new ArrayList<>())
                        .add(instance.get());
            }
        }
        Map<KeyRef, String> values = new HashMap<>();
        for (Secret secret : keys) {
            PublishedKeys.read(secret).ifPresent(e -> values.put(e.ref(), e.value()));
        }
        Map<String, Autoscaled> autoscaled = new HashMap<>();
        for (ModelDeployment md : deployments) {
            AutoscaledDeployments.of(md).ifPresent(a -> autoscaled.put(a.id(), a));
        }
        return new Snapshot(List.copyOf(views), new ModelIndex(views), Map.copyOf(instances), new KeyDirectory(values),
                Map.copyOf(autoscaled));
    }
}
