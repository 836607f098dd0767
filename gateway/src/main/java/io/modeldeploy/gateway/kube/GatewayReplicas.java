package io.modeldeploy.gateway.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.modeldeploy.gateway.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * How many gateway replicas share the rate limits: the Ready pods the peer selector finds in the gateway's own
 * namespace (an informer: list and watch of pods there, nothing else), so a scaled or failed-over gateway
 * Deployment changes every replica's share; the configured count while that is not known (no selector, not listed
 * yet, no right to list, or no Ready pod, e.g. outside Kubernetes).
 */
@ApplicationScoped
public class GatewayReplicas {
    private static final Logger LOG = Logger.getLogger(GatewayReplicas.class);

    private final KubernetesClient client;
    private final GatewayConfig config;
    private volatile SharedIndexInformer<Pod> peers;

    public GatewayReplicas(KubernetesClient client, GatewayConfig config) {
        this.client = client;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        config.peerSelector().filter(s -> !s.isBlank()).ifPresent(selector -> {
            SharedIndexInformer<Pod> informer = client.pods().inNamespace(config.namespace())
                    .withLabels(ReadyPods.labels(selector)).runnableInformer(0);
            informer.start().whenComplete((ok, failed) -> {
                if (failed != null) {
                    LOG.warnf("cannot watch the gateway's own pods (%s): rate-limit shares use %d replicas",
                            failed.toString(), config.replicas());
                }
            });
            peers = informer;
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (peers != null) {
            peers.close();
        }
    }

    public int count() {
        SharedIndexInformer<Pod> informer = peers;
        int ready = informer == null ? 0 : ReadyPods.count(informer.getStore().list());
        return ready > 0 ? ready : config.replicas();
    }
}
