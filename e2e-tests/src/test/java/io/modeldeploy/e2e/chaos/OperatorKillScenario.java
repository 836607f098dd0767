package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.OperatorProcess;

import java.util.Random;

/**
 * The operator killed at random points: {@link RandomRounds} whose fault is a {@code kill -9} of the operator at a
 * random moment after a random step, then a restart; in about half the rounds it is killed once more while it
 * catches up after the restart.
 */
final class OperatorKillScenario {
    private static final int MAX_KILL_DELAY_MS = 2500;

    private final RandomRounds rounds;

    OperatorKillScenario(RandomRounds.Settings settings) {
        this.rounds = new RandomRounds(settings);
    }

    ScenarioResult run(Fleet fleet, FleetAudit audit, OperatorProcess operator) throws InterruptedException {
        return rounds.run("operator kill -9 at random points", "kill -9", fleet, audit,
                (round, random) -> killAndRestart(operator, random, round));
    }

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
}
