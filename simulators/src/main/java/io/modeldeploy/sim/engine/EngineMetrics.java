package io.modeldeploy.sim.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What one engine process has served, counted for real; each dialect renders it under its engine's names. */
final class EngineMetrics {
    private static final double[] TTFT_BUCKETS = {0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
            0.75, 1.0, 2.5, 5.0, 7.5, 10.0};
    private static final double[] E2E_BUCKETS = {0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0,
            40.0, 50.0, 60.0};
    /** A simulated request holds this share of the KV cache while it runs. */
    private static final double KV_SHARE_PER_REQUEST = 0.05;

    /** A Prometheus histogram: per-bucket counts, sum and count. */
    static final class Histogram {
        private final double[] bounds;
        private final long[] counts;
        private double sum;
        private long count;

        Histogram(double[] bounds) {
            this.bounds = bounds.clone();
            this.counts = new long[bounds.length];
        }

        synchronized void observe(double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    counts[i]++;
                }
            }
            sum += value;
            count++;
        }

        /** Bounds, cumulative counts (already cumulative: each observation counts in every bucket above it), sum, count. */
        synchronized Snapshot snapshot() {
            return new Snapshot(bounds.clone(), counts.clone(), sum, count);
        }

        record Snapshot(double[] bounds, long[] cumulativeCounts, double sum, long count) {
        }
    }

    private final AtomicInteger running = new AtomicInteger();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder generationTokens = new LongAdder();
    private final Map<String, LongAdder> finishedByReason = new ConcurrentHashMap<>(
            Map.of("stop", new LongAdder(), "length", new LongAdder()));
    private final Map<String, AtomicInteger> runningByAdapter = new ConcurrentHashMap<>();
    private final Histogram timeToFirstToken = new Histogram(TTFT_BUCKETS);
    private final Histogram e2eLatency = new Histogram(E2E_BUCKETS);
    private volatile double lastGenerationThroughput;

    void started(ModelTarget target) {
        running.incrementAndGet();
        target.adapter().ifPresent(a -> runningByAdapter.computeIfAbsent(a, k -> new AtomicInteger()).incrementAndGet());
    }

    /** Ends a request {@link #started}; {@code generation} is null when it failed before generating. */
    void finished(ModelTarget target, Generation generation, double ttftSeconds, double e2eSeconds) {
        running.decrementAndGet();
        target.adapter().ifPresent(a -> runningByAdapter.get(a).decrementAndGet());
        if (generation == null) {
            return;
        }
        promptTokens.add(generation.promptTokens());
        generationTokens.add(generation.completionTokens());
        finishedByReason.computeIfAbsent(generation.finishReason(), k -> new LongAdder()).increment();
        timeToFirstToken.observe(ttftSeconds);
        e2eLatency.observe(e2eSeconds);
        lastGenerationThroughput = e2eSeconds > 0 ? generation.completionTokens() / e2eSeconds : 0;
    }

    int running() {
        return running.get();
    }

    double kvCacheUsage() {
        return Math.min(1.0, running.get() * KV_SHARE_PER_REQUEST);
    }

    long promptTokens() {
        return promptTokens.sum();
    }

    long generationTokens() {
        return generationTokens.sum();
    }

    Map<String, Long> finishedByReason() {
        Map<String, Long> out = new TreeMap<>();
        finishedByReason.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Adapters with a request in flight, comma-separated as vLLM's {@code running_lora_adapters} label. */
    String runningAdapters() {
        return String.join(",", runningByAdapter.entrySet().stream()
                .filter(e -> e.getValue().get() > 0).map(Map.Entry::getKey).sorted().toList());
    }

    Histogram.Snapshot timeToFirstToken() {
        return timeToFirstToken.snapshot();
    }

    Histogram.Snapshot e2eLatency() {
        return e2eLatency.snapshot();
    }

    double lastGenerationThroughput() {
        return lastGenerationThroughput;
    }
}
