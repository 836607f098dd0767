package io.modeldeploy.e2e.chaos;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;

/**
 * Rounds of random steps across every kind of deployment with one fault per round, struck after a random step, then
 * an audit that waits until the fleet is as wanted; a last round deletes everything (no finalizer may hold a
 * deployment, nothing may be left in the cluster or at the vendor). Seeded: the same seed gives the same steps and
 * fault moments (the operator's own timing varies, which is the point). The pauses pace the steps; no pause decides
 * an outcome, the audits wait for it.
 */
final class RandomRounds {
    /** Pauses between steps; short, so that faults land while the operator is busy with several changes. */
    private static final int MAX_STEP_PAUSE_MS = 700;

    /** The fault of one round: strikes, and says how many faults it injected. */
    @FunctionalInterface
    interface Fault {
        int strike(int round, Random random) throws InterruptedException;
    }

    record Settings(long seed, int rounds, int stepsPerRound, Duration convergeTimeout) {
    }

    private final Settings settings;

    RandomRounds(Settings settings) {
        this.settings = settings;
    }

    ScenarioResult run(String scenario, String faultKind, Fleet fleet, FleetAudit audit, Fault fault)
            throws InterruptedException {
        ScenarioResult result = new ScenarioResult(scenario);
        Random random = new Random(settings.seed());
        StepPlanner planner = new StepPlanner(settings.seed(), EnumSet.of(Kind.IN_CLUSTER, Kind.MULTI_NODE,
                Kind.LORA_SERVICE, Kind.MANAGED));
        fleet.createLoraBase();
        Convergence.Outcome base = Convergence.await(audit, fleet, settings.convergeTimeout());
        if (!base.converged()) {
            throw new AssertionError("the LoRA base did not converge before any fault: " + base.last());
        }
        int faults = 0;
        for (int round = 1; round <= settings.rounds(); round++) {
            int strikeAfter = random.nextInt(settings.stepsPerRound());
            for (int i = 0; i < settings.stepsPerRound(); i++) {
                Step step = planner.next(fleet.wanted(), fleet.deleted());
                ChaosLog.log("round " + round + " step " + (i + 1) + ": " + step);
                fleet.apply(step);
                Thread.sleep(random.nextInt(MAX_STEP_PAUSE_MS));
                if (i == strikeAfter) {
                    faults += fault.strike(round, random);
                }
            }
            result.steps(settings.stepsPerRound());
            Convergence.Outcome outcome = Convergence.await(audit, fleet, settings.convergeTimeout());
            ChaosLog.log("round " + round + (outcome.converged() ? " converged in " + outcome.elapsed().toMillis() + " ms"
                    : " NOT converged: " + outcome.last()));
            result.round(outcome, "round " + round);
            if (outcome.converged()) {
                fleet.deletionsConfirmed();
            }
        }
        fleet.deleteAll();
        Convergence.Outcome cleanup = Convergence.await(audit, fleet, settings.convergeTimeout());
        ChaosLog.log("everything deleted: " + (cleanup.converged() ? "converged" : "NOT converged: " + cleanup.last()));
        result.round(cleanup, "deleting everything");
        result.faults(faults, faultKind);
        return result;
    }
}
