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
    private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(120);
    /** 30% 503 for 30 s, 429 bursts every 6 s, a timeout every 15 s, the vendor down for 10 s from the 8th second. */
    private static final VendorWeather.Storm STORM = new VendorWeather.Storm(0.3, Duration.ofSeconds(30),
            Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(6), Duration.ofSeconds(15));

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void theOperatorKilledAtRandomPointsConvergesWithNothingDuplicatedOrLeftOver() throws Exception {
        try (ChaosStage stage = ChaosStage.open("chaos-kill")) {
            requireClean(List.of(new OperatorKillScenario(new RandomRounds.Settings(SEED, 3, 8, CONVERGE_TIMEOUT))
                    .run(fleet(stage), audit(stage), stage.namespace().harness().operator())));
        }
    }

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void twoOperatorsWithLeaderElectionMakeNoDuplicatesAcrossLeaderChanges() throws Exception {
        try (ChaosStage stage = ChaosStage.open("chaos-two")) {
            requireClean(List.of(new TwoOperatorsScenario(new RandomRounds.Settings(SEED, 2, 5, CONVERGE_TIMEOUT))
                    .run(fleet(stage), audit(stage), stage.namespace().harness())));
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void afterAnApiServerRestartEverythingReconnectsAndNoAcceptedRequestIsLost() throws Exception {
        try (ChaosStage stage = ChaosStage.open("chaos-api")) {
            requireClean(List.of(new ApiServerRestartScenario(new ApiServerRestartScenario.Settings(
                    Duration.ofSeconds(15), CONVERGE_TIMEOUT)).run(fleet(stage), audit(stage), stage.namespace().cluster())));
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void statusNamesEachEngineFaultAndRecoversWhenItClears() throws Exception {
        try (ChaosStage stage = ChaosStage.open("chaos-engine")) {
            requireClean(List.of(new EngineFaultScenario(CONVERGE_TIMEOUT).run(fleet(stage), audit(stage),
                    stage.namespace().cluster().nodes())));
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void managedDeploymentsConvergeAfterAVendorStormWithoutDuplicateServices() throws Exception {
        try (ChaosStage stage = ChaosStage.open("chaos-storm")) {
            requireClean(new VendorStormScenario(new VendorStormScenario.Settings(SEED, 6, STORM, CONVERGE_TIMEOUT))
                    .run(stage.namespace(), stage.vendor()));
        }
    }

    private static Fleet fleet(ChaosStage stage) {
        return new Fleet(stage.namespace(), stage.vendor().baseUrl());
    }

    private static FleetAudit audit(ChaosStage stage) {
        return new FleetAudit(stage.namespace(), stage.vendor());
    }

    /** Prints the table (the IT's output file) and fails with every problem a scenario found. */
    private static void requireClean(List<ScenarioResult> results) {
        ChaosTable.print(System.out, "ChaosIT, seed " + SEED, results);
        assertThat(results).allSatisfy(r -> assertThat(r.problems()).as(r.scenario() + ", seed " + SEED).isEmpty());
    }
}
