package io.modeldeploy.operator.reconcile;

import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.render.ApiKeySecretRenderer;
import io.modeldeploy.operator.render.GatewayKeyRenderer;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes each deployment's key into the gateway's namespace ({@code modeldeploy.gateway.namespace}); unset, no
 * gateway is installed and nothing is written. A key is written again only when its digest changed since this
 * operator process last wrote it (after a restart, once per key).
 */
final class GatewayKeys {
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

    void publish(ResolvedDeployment d, String key) {
        if (namespace.isEmpty()) {
            return;
        }
        String source = d.namespace() + "/" + d.apiKey().secretName() + "/" + d.apiKey().key();
        String digest = ApiKeySecretRenderer.digest(key);
        if (digest.equals(written.get(source))) {
            return;
        }
        cluster.apply(GatewayKeyRenderer.render(namespace.get(), d.namespace(), d.apiKey().secretName(),
                d.apiKey().key(), key));
        written.put(source, digest);
    }
}
