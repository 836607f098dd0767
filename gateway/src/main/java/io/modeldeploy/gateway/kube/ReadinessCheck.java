package io.modeldeploy.gateway.kube;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once every informer has listed: before that the gateway would answer 404 for models that exist. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    private final ClusterWatch cluster;

    public ReadinessCheck(ClusterWatch cluster) {
        this.cluster = cluster;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cluster-informers").status(cluster.synced()).build();
    }
}
