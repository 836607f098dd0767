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

    long startedEpochSecond() {
        return startedEpochSecond;
    }
}
