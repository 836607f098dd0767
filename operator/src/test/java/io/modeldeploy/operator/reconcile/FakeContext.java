package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a reconcile sees of the informers' caches: the secondary resources of the deployment and the
 * ModelDeployments of the namespace. The flows use nothing else of the JOSDK context; the rest throws.
 */
final class FakeContext implements Context<ModelDeployment> {
    private final List<HasMetadata> secondary = new ArrayList<>();
    private final List<ModelDeployment> primaries = new ArrayList<>();

    FakeContext with(HasMetadata... resources) {
        secondary.addAll(List.of(resources));
        return this;
    }

    FakeContext withDeployments(ModelDeployment... deployments) {
        primaries.addAll(List.of(deployments));
        return this;
    }

    /** What the informers would show after the cluster's writes so far. */
    FakeContext seeing(FakeCluster cluster) {
        secondary.clear();
        secondary.addAll(cluster.live());
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Set<R> getSecondaryResources(Class<R> type) {
        Set<R> out = new LinkedHashSet<>();
        secondary.stream().filter(type::isInstance).forEach(r -> out.add((R) r));
        return out;
    }

    @Override
    public <R> Optional<R> getSecondaryResource(Class<R> type, String eventSourceName) {
        return getSecondaryResources(type).stream().findFirst();
    }

    @Override
    public IndexedResourceCache<ModelDeployment> getPrimaryCache() {
        return new IndexedResourceCache<>() {
            @Override
            public List<ModelDeployment> byIndex(String indexName, String indexKey) {
                if (!indexName.equals(LoraLinks.BY_BASE)) {
                    throw new UnsupportedOperationException("no index " + indexName);
                }
                return primaries.stream().filter(md -> LoraLinks.indexKeys(md).contains(indexKey)).toList();
            }

            @Override
            public Stream<ModelDeployment> list(String namespace, Predicate<ModelDeployment> predicate) {
                return primaries.stream().filter(md -> namespace.equals(md.getMetadata().getNamespace())).filter(predicate);
            }

            @Override
            public Optional<ModelDeployment> get(ResourceID id) {
                return primaries.stream().filter(md -> ResourceID.fromResource(md).equals(id)).findFirst();
            }

            @Override
            public Stream<ResourceID> keys() {
                return primaries.stream().map(ResourceID::fromResource);
            }

            @Override
            public Stream<ModelDeployment> list(Predicate<ModelDeployment> predicate) {
                return primaries.stream().filter(predicate);
            }
        };
    }

    @Override
    public Optional<RetryInfo> getRetryInfo() {
        return Optional.empty();
    }

    @Override
    public ControllerConfiguration<ModelDeployment> getControllerConfiguration() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ManagedWorkflowAndDependentResourceContext managedWorkflowAndDependentResourceContext() {
        throw new UnsupportedOperationException();
    }

    @Override
    public EventSourceRetriever<ModelDeployment> eventSourceRetriever() {
        throw new UnsupportedOperationException();
    }

    /** The flows write through their ClusterWriter, never through the context's client. */
    @Override
    public KubernetesClient getClient() {
        throw new UnsupportedOperationException("flows write through ClusterWriter");
    }

    @Override
    public ExecutorService getWorkflowExecutorService() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ModelDeployment getPrimaryResource() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isNextReconciliationImminent() {
        return false;
    }

    @Override
    public boolean isPrimaryResourceDeleted() {
        return false;
    }

    @Override
    public boolean isPrimaryResourceFinalStateUnknown() {
        return false;
    }
}
