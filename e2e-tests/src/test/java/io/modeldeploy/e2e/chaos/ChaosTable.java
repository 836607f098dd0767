package io.modeldeploy.e2e.chaos;

import java.io.PrintStream;
import java.util.List;

/** The suite's one table (README "Faults"), then every problem the scenarios found, in words. */
final class ChaosTable {
    private ChaosTable() {
    }

    static void print(PrintStream out, String title, List<ScenarioResult> results) {
        out.println();
        out.println(title);
        out.println();
        out.println("| scenario | steps | faults injected | converged rounds | time to converge p50 / max | duplicates "
                + "| orphans | lost requests | vendor calls vs fault-free |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        results.forEach(r -> out.println(r.row()));
        out.println();
        results.forEach(r -> r.notes().forEach(n -> out.println("NOTE " + r.scenario() + ": " + n)));
        results.forEach(r -> r.problems().forEach(p -> out.println("PROBLEM " + r.scenario() + ": " + p)));
    }
}
