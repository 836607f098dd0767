package io.modeldeploy.operator.autoscale;

import java.util.OptionalDouble;

/**
 * Reads one gauge out of a Prometheus text exposition (version 0.0.4), summed over its label sets: vLLM labels
 * its gauges per model name (and engine index), and what one instance queues is their sum.
 */
public final class PrometheusGauges {
    private PrometheusGauges() {
    }

    /** The sum of every sample of {@code metric}; empty when the text has none. */
    public static OptionalDouble sum(String exposition, String metric) {
        double sum = 0;
        boolean found = false;
        for (String raw : exposition.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            if (rest.startsWith("{")) {
                int end = closingBrace(rest);
                if (end < 0) {
                    continue;
                }
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ") && !rest.startsWith("\t")) {
                continue; // another metric whose name starts with this one (e.g. a _total or _created)
            }
            String[] fields = rest.strip().split("\\s+");
            try {
                double value = Double.parseDouble(fields[0]);
                if (!Double.isNaN(value)) {
                    sum += value;
                    found = true;
                }
            } catch (NumberFormatException e) {
                // not a sample line this reader understands; others may still be
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** The closing brace of a label set, skipping quoted label values (which may hold braces and escaped quotes). */
    private static int closingBrace(String s) {
        boolean quoted = false;
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
