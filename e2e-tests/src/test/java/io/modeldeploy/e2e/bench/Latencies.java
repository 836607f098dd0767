package io.modeldeploy.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Durations of one measure, in milliseconds, and their percentiles (nearest rank). */
final class Latencies {
    private final List<Double> millis = new ArrayList<>();

    void addNanos(long nanos) {
        millis.add(nanos / 1e6);
    }

    double percentile(int p) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
