package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Probe;

import java.time.Duration;
import java.time.Instant;

/**
 * The kubelet's bookkeeping for one probe of one container: when it is next due and how many
 * consecutive successes and failures it has seen, with Kubernetes' default thresholds.
 */
final class ProbeTracker {
    enum Verdict { PASSING, FAILING, UNDECIDED }

    private final Probe probe;
    private final Duration period;
    private final int successThreshold;
    private final int failureThreshold;
    private Instant nextDue;
    private int successes;
    private int failures;
    private Verdict verdict = Verdict.UNDECIDED;

    ProbeTracker(Probe probe, Instant containerStart, NodeSimulatorConfig config) {
        this.probe = probe;
        this.period = config.scaled(probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds());
        this.successThreshold = probe.getSuccessThreshold() == null ? 1 : probe.getSuccessThreshold();
        this.failureThreshold = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
        int initialDelay = probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
        this.nextDue = containerStart.plus(config.scaled(initialDelay));
    }

    Probe probe() {
        return probe;
    }

    boolean due(Instant now) {
        return !now.isBefore(nextDue);
    }

    Verdict record(boolean success, Instant now) {
        nextDue = now.plus(period);
        if (success) {
            failures = 0;
            successes++;
            if (successes >= successThreshold) {
                verdict = Verdict.PASSING;
            }
        } else {
            successes = 0;
            failures++;
            if (failures >= failureThreshold) {
                verdict = Verdict.FAILING;
            }
        }
        return verdict;
    }

    Verdict verdict() {
        return verdict;
    }

    int failures() {
        return failures;
    }
}
