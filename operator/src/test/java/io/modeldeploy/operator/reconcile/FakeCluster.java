package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.Labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An API server in memory: what the flows applied, created and deleted, by kind and name. */
final class FakeCluster implements ClusterWriter {
    private final Map<String, HasMetadata> objects = new LinkedHashMap<>();
    final List<String> applied = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    final List<String> created = new ArrayList<>();
    /** Every write, "apply Kind/name", "create Kind/name" or "delete Kind/name", in the order it was made. */
    private final List<String> writes = new ArrayList<>();
    /** What the API server answers to a pod create (a quota, an admission webhook); empty: it creates it. */
    Optional<KubernetesClientException> podCreateRefusal = Optional.empty();

    static String key(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }

    FakeCluster with(HasMetadata... existing) {
        for (HasMetadata o : existing) {
            objects.put(key(o), o);
        }
        return this;
    }

    /** Every write so far, in the order it was made. */
    List<String> writes() {
        return List.copyOf(writes);
    }

    void forgetWrites() {
        applied.clear();
        deleted.clear();
        created.clear();
        writes.clear();
    }

    private void record(List<String> kind, String verb, HasMetadata o) {
        kind.add(key(o));
        writes.add(verb + " " + key(o));
    }

    List<HasMetadata> live() {
        return List.copyOf(objects.values());
    }

    @SuppressWarnings("unchecked")
    <R extends HasMetadata> Optional<R> get(Class<R> type, String name) {
        return objects.values().stream().filter(type::isInstance).map(o -> (R) o)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    @Override
    public void apply(HasMetadata desired) {
        record(applied, "apply", desired);
        objects.put(key(desired), Serialization.clone(desired));
    }

    @Override
    public Optional<HasMetadata> createIfAbsent(HasMetadata desired) {
        HasMetadata existing = objects.get(key(desired));
        if (existing != null) {
            return Optional.of(existing);
        }
        record(created, "create", desired);
        objects.put(key(desired), Serialization.clone(desired));
        return Optional.empty();
    }

    @Override
    public void delete(HasMetadata resource) {
        record(deleted, "delete", resource);
        objects.remove(key(resource));
    }

    @Override
    public void addFinalizer(ModelDeployment md, String finalizer) {
        writes.add("finalize " + key(md));
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return get(Secret.class, name);
    }

    @Override
    public GroupPodApi groupPods() {
        return new GroupPodApi() {
            @Override
            public List<Pod> list(DeploymentRef ref) {
                return objects.values().stream().filter(Pod.class::isInstance).map(Pod.class::cast)
                        .filter(p -> ref.name().equals(p.getMetadata().getLabels().get(Labels.DEPLOYMENT)))
                        .filter(p -> ControllerOwner.is(p, ref.uid())).toList();
            }

            @Override
            public void create(Pod pod) {
                if (podCreateRefusal.isPresent()) {
                    throw podCreateRefusal.get();
                }
                HasMetadata existing = objects.get(key(pod));
                if (existing != null && !ControllerOwner.same(pod, existing)) {
                    throw new ResourceConflict(existing);
                }
                record(created, "create", pod);
                objects.put(key(pod), pod);
            }

            @Override
            public void delete(Pod pod) {
                FakeCluster.this.delete(pod);
            }
        };
    }
}
