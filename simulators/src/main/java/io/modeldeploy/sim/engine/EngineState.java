package io.modeldeploy.sim.engine;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** The state of one simulated engine process; a restart makes a new one, so nothing here survives it. */
final class EngineState {
    private final EngineLaunch launch;
    private final EngineOptions options;
    private final LoraRegistry adapters;
    private final EngineMetrics metrics = new EngineMetrics();
    private final AtomicBoolean healthy;
    private final long startedEpochSecond = Instant.now().getEpochSecond();
    /** Every request that reached this process, by path, counted before the key check (tests of a gateway). */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> received =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile BatchSlots batch = new BatchSlots(Integer.MAX_VALUE);
    /** How long generating one whole answer takes (a test's pacing; zero: at once). */
    private volatile java.time.Duration answerTime = java.time.Duration.ZERO;
    /** Pause between streamed events (a test's pacing; zero: as fast as the socket takes them). */
    private volatile java.time.Duration streamGap = java.time.Duration.ZERO;

    EngineState(EngineLaunch launch, EngineOptions options, AtomicBoolean healthy) {
        this.launch = launch;
        this.options = options;
        this.healthy = healthy;
        this.adapters = new LoraRegistry(launch.maxLoadedLoras(), options.files());
    }

    EngineLaunch launch() {
        return launch;
    }

    EngineOptions options() {
        return options;
    }

    LoraRegistry adapters() {
        return adapters;
    }

    EngineMetrics metrics() {
        return metrics;
    }

    boolean healthy() {
        return healthy.get();
    }

    void received(String path) {
        received.computeIfAbsent(path, p -> new java.util.concurrent.atomic.LongAdder()).increment();
    }

    long receivedCount(String path) {
        java.util.concurrent.atomic.LongAdder n = received.get(path);
        return n == null ? 0 : n.sum();
    }

    java.time.Duration streamGap() {
        return streamGap;
    }

    void streamGap(java.time.Duration gap) {
        this.streamGap = gap;
    }

    BatchSlots batch() {
        return batch;
    }

    void limitBatch(int limit) {
        this.batch = new BatchSlots(limit);
    }

    java.time.Duration answerTime() {
        return answerTime;
    }

    void answerTime(java.time.Duration time) {
        this.answerTime = time;
    }

    long startedEpochSecond() {
        return startedEpochSecond;
    }
}
