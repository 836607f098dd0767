package io.modeldeploy.operator.config;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The JOSDK metrics the operator records. QOSDK's default bean records a series per resource, which grows with
 * every ModelDeployment a cluster ever had until each is deleted; here that is a setting, off by default
 * ({@code modeldeploy.metrics.per-resource}).
 */
@ApplicationScoped
public class ReconcileMetricsProducer {

    @Produces
    @Singleton
    // QOSDK looks the Metrics bean up programmatically at start, which ArC cannot see.
    @Unremovable
    Metrics reconcileMetrics(OperatorConfig config, MeterRegistry registry) {
        return reconcileMetrics(registry, config.metrics().perResource());
    }

    static Metrics reconcileMetrics(MeterRegistry registry, boolean perResource) {
        // The per-resource builder also removes a resource's series once it is deleted. The plain builder collects
        // per resource too unless told not to, and then never removes them: it must be told.
        return perResource
                ? MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build()
                : MicrometerMetrics.newMicrometerMetricsBuilder(registry).notCollectingMetricsPerResource().build();
    }
}
