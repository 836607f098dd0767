package io.modeldeploy.e2e.support;

import java.util.List;

/**
 * How many reconciles of one ModelDeployment an operator process finished without error, from JOSDK's per-resource
 * counter on its {@code /q/metrics} ({@code modeldeploy.metrics.per-resource}). JOSDK counts a reconcile (or a cleanup)
 * there once it returned and its status and finalizer writes are done.
 */
public final class ReconcileCounts {
    static final String SUCCESS = "operator_sdk_reconciliations_success_total";

    private ReconcileCounts() {
    }

    public static long successes(String metricsText, String namespace, String name) {
        List<MetricsText.Sample> counters = MetricsText.parse(metricsText).stream()
                .filter(s -> s.name().equals(SUCCESS)).toList();
        if (!counters.isEmpty() && counters.stream().noneMatch(s -> s.labels().containsKey("name"))) {
            // Without per-resource series no count of one deployment can ever show up: say so instead of waiting.
            throw new IllegalStateException(SUCCESS + " has no name label: the operator runs without "
                    + "modeldeploy.metrics.per-resource");
        }
        return Math.round(counters.stream()
                .filter(s -> name.equals(s.labels().get("name")) && namespace.equals(s.labels().get("namespace")))
                .mapToDouble(MetricsText.Sample::value).sum());
    }
}
