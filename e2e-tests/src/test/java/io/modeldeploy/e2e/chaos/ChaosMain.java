package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.OperatorHarness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code make chaos}: the fault suite at full size against the real local control plane and the packaged operator,
 * printing one table (README "Faults") and exiting non-zero if any scenario found a problem. Environment:
 * {@code CHAOS_SEED} (default 19), {@code CHAOS_ROUNDS} x {@code CHAOS_STEPS_PER_ROUND} steps of the kill scenario
 * (default 12 x 10), {@code CHAOS_STORM_STEPS} (default 12), {@code CHAOS_STORM_SECONDS} (default 180) and
 * {@code CHAOS_OUTAGE_SECONDS} (default 120) of the vendor storm, {@code CHAOS_APISERVER_DOWN_SECONDS} (default 30).
 */
public final class ChaosMain {
    private static final Duration CONVERGE_TIMEOUT = Duration.ofMinutes(3);

    private ChaosMain() {
    }

    public static void main(String[] args) {
        Instant started = Instant.now();
        long seed = env("CHAOS_SEED", 19);
        int rounds = (int) env("CHAOS_ROUNDS", 12);
        int stepsPerRound = (int) env("CHAOS_STEPS_PER_ROUND", 10);
        int stormSeconds = (int) env("CHAOS_STORM_SECONDS", 180);
        int outageSeconds = (int) env("CHAOS_OUTAGE_SECONDS", 120);
        VendorWeather.Storm storm = new VendorWeather.Storm(0.3, Duration.ofSeconds(stormSeconds),
                Duration.ofSeconds(Math.max(0, (stormSeconds - outageSeconds) / 3)), Duration.ofSeconds(outageSeconds),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
        OperatorHarness harness = OperatorHarness.get();
        List<ScenarioResult> results = new ArrayList<>();
        try {
            results.addAll(scenario("operator kill -9", () -> {
                try (ChaosStage stage = ChaosStage.open("chaos-kill")) {
                    return List.of(new OperatorKillScenario(new RandomRounds.Settings(seed, rounds, stepsPerRound,
                            CONVERGE_TIMEOUT)).run(new Fleet(stage.namespace(), stage.vendor().baseUrl()),
                            new FleetAudit(stage.namespace(), stage.vendor()), harness.operator()));
                }
            }));
            results.addAll(scenario("two operators", () -> {
                try (ChaosStage stage = ChaosStage.open("chaos-two")) {
                    return List.of(new TwoOperatorsScenario(new RandomRounds.Settings(seed, 4, stepsPerRound,
                            CONVERGE_TIMEOUT)).run(new Fleet(stage.namespace(), stage.vendor().baseUrl()),
                            new FleetAudit(stage.namespace(), stage.vendor()), harness));
                }
            }));
            results.addAll(scenario("API server restart", () -> {
                try (ChaosStage stage = ChaosStage.open("chaos-api")) {
                    return List.of(new ApiServerRestartScenario(new ApiServerRestartScenario.Settings(
                            Duration.ofSeconds(env("CHAOS_APISERVER_DOWN_SECONDS", 30)), CONVERGE_TIMEOUT))
                            .run(new Fleet(stage.namespace(), stage.vendor().baseUrl()),
                                    new FleetAudit(stage.namespace(), stage.vendor()), harness.cluster()));
                }
            }));
            results.addAll(scenario("engine faults", () -> {
                try (ChaosStage stage = ChaosStage.open("chaos-engine")) {
                    return List.of(new EngineFaultScenario(CONVERGE_TIMEOUT).run(
                            new Fleet(stage.namespace(), stage.vendor().baseUrl()),
                            new FleetAudit(stage.namespace(), stage.vendor()), harness.cluster().nodes()));
                }
            }));
            results.addAll(scenario("vendor storm", () -> {
                try (ChaosStage stage = ChaosStage.open("chaos-storm")) {
                    return new VendorStormScenario(new VendorStormScenario.Settings(seed,
                            (int) env("CHAOS_STORM_STEPS", 12), storm, CONVERGE_TIMEOUT))
                            .run(stage.namespace(), stage.vendor());
                }
            }));
        } finally {
            ChaosTable.print(System.out, "ModelDeploy fault suite: seed " + seed + ", " + machine() + ", " + Instant.now()
                    + ", " + Duration.between(started, Instant.now()).toMinutes() + " min", results);
        }
        System.exit(results.stream().allMatch(ScenarioResult::clean) ? 0 : 1);
    }

    /** A scenario that failed outright still gets its row, naming why, and the next scenario still runs. */
    private static List<ScenarioResult> scenario(String name, Callable<List<ScenarioResult>> run) {
        try {
            return run.call();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            ScenarioResult failed = new ScenarioResult(name);
            failed.problem("the scenario failed: " + e);
            return List.of(failed);
        }
    }

    private static String machine() {
        String memory = "?";
        try {
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").findFirst().orElse("?");
        } catch (IOException | NumberFormatException unreadable) {
            // the table says "?"
        }
        return "nproc " + Runtime.getRuntime().availableProcessors() + ", memory " + memory;
    }

    private static long env(String name, long fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }
}
