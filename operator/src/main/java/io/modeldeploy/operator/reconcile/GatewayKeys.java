package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.render.ApiKeySecretRenderer;
import io.modeldeploy.operator.render.GatewayKeyRenderer;

import org.jboss.logging.Logger;

import java.util.Optional;
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

    GatewayKeys(Optional<String> namespace, ClusterWriter cluster) {
        this.namespace = namespace.filter(ns -> !ns.isBlank());
        this.cluster = cluster;
    }

    static GatewayKeys none(ClusterWriter cluster) {
        return new GatewayKeys(Optional.empty(), cluster);
    }

    /** A gateway is installed: its namespace is configured. */
    boolean enabled() {
        return namespace.isPresent();
    }

    void publish(ResolvedDeployment d, String key) {
        if (namespace.isEmpty()) {
            return;
        }
        String source = d.namespace() + "/" + d.apiKey().secretName() + "/" + d.apiKey().key();
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
