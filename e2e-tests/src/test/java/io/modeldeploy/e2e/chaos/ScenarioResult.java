package io.modeldeploy.e2e.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The figures of one scenario for the table, gathered round by round: steps, faults, whether and how fast each
 * round converged, and what the audits found left over. {@link #problems()} names every finding in words.
 */
final class ScenarioResult {
    private final String scenario;
    private final List<Duration> convergeTimes = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int steps;
    private int faults;
    private String faultKinds = "";
    private int rounds;
    private int converged;
    private int duplicates;
    private int orphans;
    private int stuck;
    private String lostRequests = "-";
    private String vendorCalls = "-";

    ScenarioResult(String scenario) {
        this.scenario = scenario;
    }

    void steps(int count) {
        steps += count;
    }

    void faults(int count, String kinds) {
        faults += count;
        faultKinds = kinds;
    }

    /** One round's end: a converged round found nothing; an unconverged one counts what its last look found. */
    void round(Convergence.Outcome outcome, String round) {
        rounds++;
        if (outcome.converged()) {
            converged++;
            convergeTimes.add(outcome.elapsed());
            return;
        }
        Audit last = outcome.last();
        duplicates += last.duplicates().size();
        orphans += last.orphans().size();
        stuck += last.stuck().size();
        problems.add(round + " did not converge within " + outcome.elapsed().toSeconds() + " s: " + last);
    }

    void lostRequests(String value) {
        lostRequests = value;
    }

    void vendorCalls(String value) {
        vendorCalls = value;
    }

    void problem(String text) {
        problems.add(text);
    }

    /** A figure or fact to print below the table that is not a problem. */
    void note(String text) {
        notes.add(text);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    boolean clean() {
        return problems.isEmpty();
    }

    String scenario() {
        return scenario;
    }

    String row() {
        return String.join(" | ", "", scenario, Integer.toString(steps), faults + " " + faultKinds,
                converged + "/" + rounds + (stuck > 0 ? " (" + stuck + " stuck in finalizer)" : ""),
                percentile(50).map(ScenarioResult::seconds).orElse("-") + " / "
                        + percentile(100).map(ScenarioResult::seconds).orElse("-"),
                Integer.toString(duplicates), Integer.toString(orphans), lostRequests, vendorCalls, "").trim();
    }

    private Optional<Duration> percentile(int p) {
        if (convergeTimes.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = new ArrayList<>(convergeTimes);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Optional.of(sorted.get(Math.max(0, rank - 1)));
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
