package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.render.ApiKeySecretRenderer;
import io.modeldeploy.operator.render.GatewayKeyRenderer;

import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.operator.api.gateway.PublishedKey;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes each deployment's key into the gateway's namespace ({@code modeldeploy.gateway.namespace}); unset, no
 * gateway is installed and nothing is written. A key is written again only when its digest changed since this
 * operator process last wrote it (after a restart, once per key).
 */
final class GatewayKeys {
    private static final Logger LOG = Logger.getLogger(GatewayKeys.class);
    private final Optional<String> namespace;
    private final ClusterWriter cluster;
    private final ConcurrentHashMap<String, String> written = new ConcurrentHashMap<>();
    private volatile Supplier<List<Secret>> published = List::of;
    private volatile Predicate<String> watched = ns -> false;

    GatewayKeys(Optional<String> namespace, ClusterWriter cluster) {
        this.namespace = namespace.filter(ns -> !ns.isBlank());
        this.cluster = cluster;
    }

    static GatewayKeys none(ClusterWriter cluster) {
        return new GatewayKeys(Optional.empty(), cluster);
    }

    Optional<String> namespace() {
        return namespace;
    }

    /**
     * @param copies  the published copies as the informer in the gateway's namespace holds them
     * @param watched whether this operator watches a namespace (copies from others are never judged)
     */
    void readPublishedFrom(Supplier<List<Secret>> copies, Predicate<String> watched) {
        this.published = copies;
        this.watched = watched;
    }

    /**
     * Removes the copies no live deployment names: the gateway's namespace keeps only keys that still open a
     * deployment. A copy removed is forgotten, so that a deployment naming that Secret again publishes it again.
     */
    void sweep(Collection<ModelDeployment> deployments) {
        if (namespace.isEmpty()) {
            return;
        }
        for (Secret copy : PublishedKeySweep.orphans(published.get(), deployments, watched)) {
            Map<String, String> a = copy.getMetadata().getAnnotations();
            String source = PublishedKeySweep.source(a.get(PublishedKey.SOURCE_NAMESPACE),
                    a.get(PublishedKey.SOURCE_SECRET), a.get(PublishedKey.SOURCE_KEY));
            try {
                cluster.delete(copy);
                written.remove(source);
                LOG.infof("removed the gateway's copy of key %s: no deployment names it", source);
            } catch (KubernetesClientException e) {
                LOG.warnf("could not remove the gateway's copy of key %s: %s", source,
                        e.getStatus() == null ? e.getClass().getSimpleName() : e.getStatus().getMessage());
            }
        }
    }

    /** A gateway is installed: its namespace is configured. */
    boolean enabled() {
        return namespace.isPresent();
    }

    void publish(ResolvedDeployment d, String key) {
        if (namespace.isEmpty()) {
            return;
        }
        String source = PublishedKeySweep.source(d.namespace(), d.apiKey().secretName(), d.apiKey().key());
        String digest = ApiKeySecretRenderer.digest(key);
        if (digest.equals(written.get(source))) {
            return;
        }
        try {
            cluster.apply(GatewayKeyRenderer.render(namespace.get(), d.namespace(), d.apiKey().secretName(),
                    d.apiKey().key(), key));
            written.put(source, digest);
        } catch (KubernetesClientException e) {
            // The gateway's namespace missing or not writable stops the gateway, never the deployment: tried again
            // on the next reconcile. The message is the API server's, which never quotes a Secret's data.
            LOG.warnf("could not publish the key of %s/%s to the gateway's namespace %s: %s", d.namespace(), d.name(),
                    namespace.get(), e.getStatus() == null ? e.getClass().getSimpleName() : e.getStatus().getMessage());
        }
    }
}
