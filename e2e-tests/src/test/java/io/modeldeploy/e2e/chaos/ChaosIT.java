package io.modeldeploy.e2e.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short seeded variant of {@code make chaos} ({@link ChaosMain}), so that a regression fails {@code make test}:
 * the same scenarios, fewer steps and a shorter storm. {@code -Dmodeldeploy.chaos.seed=N} replays another seed.
 */
class ChaosIT {
    private static final long SEED = Long.getLong("modeldeploy.chaos.seed", 19);
    private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(180);

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void theOperatorKilledAtRandomPointsConvergesWithNothingDuplicatedOrLeftOver() throws Exception {
        try (ChaosStage stage = ChaosStage.open("chaos-kill")) {
            Fleet fleet = new Fleet(stage.namespace(), stage.vendor().baseUrl());
            ScenarioResult result = new OperatorKillScenario(new OperatorKillScenario.Settings(SEED, 3, 8, CONVERGE_TIMEOUT))
                    .run(fleet, new FleetAudit(stage.namespace(), stage.vendor()), stage.namespace().harness().operator());
            ChaosTable.print(System.out, "ChaosIT, seed " + SEED, List.of(result));
            assertThat(result.problems()).as("seed " + SEED).isEmpty();
        }
    }
}
