package io.modeldeploy.gateway.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.modeldeploy.gateway.GatewayConfig;
import io.modeldeploy.gateway.catalog.PodInstances;
import io.modeldeploy.gateway.catalog.Snapshot;
import io.modeldeploy.gateway.catalog.SnapshotBuilder;
import io.modeldeploy.operator.api.gateway.PublishedKey;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Informers on ModelDeployments and the operator's pods (watched namespaces), and on the published key Secrets (the
 * gateway's own namespace only). Every change schedules one rebuild of the routing {@link Snapshot}; changes that
 * arrive while a rebuild is pending are folded into it.
 */
@ApplicationScoped
public class ClusterWatch {
    private static final Logger LOG = Logger.getLogger(ClusterWatch.class);

    private final KubernetesClient client;
    private final GatewayConfig config;
    private final List<SharedIndexInformer<ModelDeployment>> deployments = new ArrayList<>();
    private final List<SharedIndexInformer<Pod>> pods = new ArrayList<>();
    private volatile SharedIndexInformer<Secret> keys;
    private final AtomicBoolean rebuildPending = new AtomicBoolean();
    private final ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "snapshot-rebuild");
        t.setDaemon(true);
        return t;
    });
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private final List<Runnable> rebuildListeners = new CopyOnWriteArrayList<>();
    private volatile boolean listedAll;
    private volatile boolean builtAfterListing;

    public ClusterWatch(KubernetesClient client, GatewayConfig config) {
        this.client = client;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        ResourceEventHandler<HasMetadata> onChange = new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                scheduleRebuild();
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                scheduleRebuild();
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                scheduleRebuild();
            }
        };
        // Every informer is made and held before any starts: a rebuild triggered by the first list of one must see
        // the stores of all the others (an informer still being started would count as empty, and its own list's
        // events could all be consumed by rebuilds that did not see it yet).
        List<String> namespaces = config.watchNamespaces().filter(l -> !l.isEmpty()).orElse(List.of());
        if (namespaces.isEmpty()) {
            deployments.add(client.resources(ModelDeployment.class).inAnyNamespace().runnableInformer(0));
            pods.add(client.pods().inAnyNamespace().withLabel(PodInstances.DEPLOYMENT_LABEL).runnableInformer(0));
        } else {
            for (String ns : namespaces) {
                deployments.add(client.resources(ModelDeployment.class).inNamespace(ns).runnableInformer(0));
                pods.add(client.pods().inNamespace(ns).withLabel(PodInstances.DEPLOYMENT_LABEL).runnableInformer(0));
            }
        }
        keys = client.secrets().inNamespace(config.namespace()).withLabel(PublishedKey.LABEL).runnableInformer(0);
        List<SharedIndexInformer<? extends HasMetadata>> all = new ArrayList<>();
        all.addAll(deployments);
        all.addAll(pods);
        all.add(keys);
        List<CompletableFuture<Void>> listed = new ArrayList<>();
        for (SharedIndexInformer<? extends HasMetadata> informer : all) {
            informer.addEventHandler(cast(onChange));
            listed.add(informer.start().toCompletableFuture());
        }
        // Once everything has listed, one more rebuild: readiness waits for it.
        CompletableFuture.allOf(listed.toArray(CompletableFuture[]::new)).thenRun(() -> {
            listedAll = true;
            scheduleRebuild();
        });
        LOG.infof("watching ModelDeployments and pods in %s, published keys in %s",
                namespaces.isEmpty() ? "all namespaces" : namespaces, config.namespace());
    }

    void stop(@Observes ShutdownEvent event) {
        deployments.forEach(SharedIndexInformer::close);
        pods.forEach(SharedIndexInformer::close);
        if (keys != null) {
            keys.close();
        }
        rebuilder.shutdownNow();
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /** Every informer has listed and a snapshot was built from all of them since: it reflects the cluster. */
    public boolean synced() {
        return builtAfterListing;
    }

    /** Runs after every new snapshot (on the rebuild thread: keep it short), e.g. to serve held requests. */
    public void onRebuild(Runnable listener) {
        rebuildListeners.add(listener);
    }

    private void scheduleRebuild() {
        if (rebuildPending.compareAndSet(false, true)) {
            rebuilder.execute(this::rebuild);
        }
    }

    private void rebuild() {
        rebuildPending.set(false);
        boolean complete = listedAll;
        try {
            snapshot = SnapshotBuilder.build(all(deployments, i -> i.getStore().list()),
                    all(pods, i -> i.getStore().list()), keys.getStore().list());
            builtAfterListing |= complete;
        } catch (RuntimeException e) {
            // Keep routing on the last good snapshot; the next change tries again.
            LOG.errorf("could not rebuild the routing snapshot: %s", e.toString());
            return;
        }
        for (Runnable listener : rebuildListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.errorf("a snapshot listener failed: %s", e.toString());
            }
        }
    }

    private static <T> Collection<T> all(List<SharedIndexInformer<T>> informers,
                                         Function<SharedIndexInformer<T>, List<T>> list) {
        List<T> out = new ArrayList<>();
        informers.forEach(i -> out.addAll(list.apply(i)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceEventHandler<T> cast(ResourceEventHandler<HasMetadata> handler) {
        return (ResourceEventHandler<T>) (ResourceEventHandler<?>) handler;
    }
}
