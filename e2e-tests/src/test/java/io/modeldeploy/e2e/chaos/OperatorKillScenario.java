package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.OperatorProcess;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;

/**
 * The operator killed at random points: rounds of random steps across every kind of deployment, the operator
 * {@code kill -9}ed once in each round at a random moment after a random step (and, in every other round or so, once
 * more while it catches up after its restart), then an audit that waits until the fleet is as wanted. A last round
 * deletes everything: no finalizer may hold a deployment, nothing may be left in the cluster or at the vendor.
 *
 * <p>Seeded: the same seed gives the same steps and kill moments (the operator's own timing varies, which is the
 * point). The pauses pace the steps and place the kills; no pause decides an outcome, the audits wait for it.
 */
final class OperatorKillScenario {
    /** Pauses between steps; short, so that kills land while the operator is busy with several changes. */
    private static final int MAX_STEP_PAUSE_MS = 700;
    private static final int MAX_KILL_DELAY_MS = 2500;

    record Settings(long seed, int rounds, int stepsPerRound, Duration convergeTimeout) {
    }

    private final Settings settings;

    OperatorKillScenario(Settings settings) {
        this.settings = settings;
    }

    ScenarioResult run(Fleet fleet, FleetAudit audit, OperatorProcess operator) throws InterruptedException {
        ScenarioResult result = new ScenarioResult("operator kill -9 at random points");
        Random random = new Random(settings.seed());
        StepPlanner planner = new StepPlanner(settings.seed(), EnumSet.of(Kind.IN_CLUSTER, Kind.MULTI_NODE,
                Kind.LORA_SERVICE, Kind.MANAGED));
        fleet.createLoraBase();
        requireConverged(Convergence.await(audit, fleet, settings.convergeTimeout()), "the LoRA base");
        int kills = 0;
        for (int round = 1; round <= settings.rounds(); round++) {
            int killAfter = random.nextInt(settings.stepsPerRound());
            for (int i = 0; i < settings.stepsPerRound(); i++) {
                Step step = planner.next(fleet.wanted(), fleet.deleted());
                ChaosLog.log("round " + round + " step " + (i + 1) + ": " + step);
                fleet.apply(step);
                Thread.sleep(random.nextInt(MAX_STEP_PAUSE_MS));
                if (i == killAfter) {
                    kills += killAndRestart(operator, random, round);
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
        result.faults(kills, "kill -9");
        return result;
    }

    /** Kills the operator after a random delay and starts it again; in half the rounds once more as it catches up. */
    private static int killAndRestart(OperatorProcess operator, Random random, int round) throws InterruptedException {
        int kills = 0;
        do {
            Thread.sleep(random.nextInt(MAX_KILL_DELAY_MS));
            operator.kill();
            kills++;
            ChaosLog.log("round " + round + ": operator killed (kill -9), restarting");
            operator.start();
        } while (kills == 1 && random.nextBoolean());
        return kills;
    }

    private static void requireConverged(Convergence.Outcome outcome, String what) {
        if (!outcome.converged()) {
            throw new AssertionError(what + " did not converge before any fault: " + outcome.last());
        }
    }
}
