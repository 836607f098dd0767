package io.modeldeploy.sim.engine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes the Prometheus text exposition format 0.0.4, the format both engines' {@code /metrics} serve. */
final class PrometheusText {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder();

    PrometheusText gauge(String name, String help, Map<String, String> labels, double value) {
        header(name, help, "gauge");
        sample(name, labels, value);
        return this;
    }

    /** A counter named {@code name}; its sample is {@code name_total}, as prometheus_client writes it. */
    PrometheusText counter(String name, String help, Map<String, String> labels, double value) {
        return counter(name, help, Map.of(labels, value));
    }

    /** A counter with one sample per label set (the family's HELP and TYPE lines may appear only once). */
    PrometheusText counter(String name, String help, Map<Map<String, String>, ? extends Number> samples) {
        header(name, help, "counter");
        samples.forEach((labels, value) -> sample(name + "_total", labels, value.doubleValue()));
        return this;
    }

    PrometheusText histogram(String name, String help, Map<String, String> labels, EngineMetrics.Histogram.Snapshot h) {
        header(name, help, "histogram");
        for (int i = 0; i < h.bounds().length; i++) {
            sample(name + "_bucket", with(labels, "le", format(h.bounds()[i])), h.cumulativeCounts()[i]);
        }
        sample(name + "_bucket", with(labels, "le", "+Inf"), h.count());
        sample(name + "_count", labels, h.count());
        sample(name + "_sum", labels, h.sum());
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(String name, Map<String, String> labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{');
            String sep = "";
            for (Map.Entry<String, String> label : labels.entrySet()) {
                out.append(sep).append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
                sep = ",";
            }
            out.append('}');
        }
        out.append(' ').append(format(value)).append('\n');
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(key, value);
        return all;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%.1f", value)
                : Double.toString(value);
    }
}
