package io.modeldeploy.sim.platform.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A status that changes by itself over time, e.g. deploying now, running in 5 s. Immutable: a vendor call that
 * changes course (stop, scale, ...) replaces the timeline from that moment. Reading it at a given instant is what
 * makes simulated progress deterministic and free of background threads.
 */
public final class Timeline<S> {
    private record Step<S>(Instant at, S status) {
    }

    private final List<Step<S>> steps;

    private Timeline(List<Step<S>> steps) {
        this.steps = List.copyOf(steps);
    }

    public static <S> Timeline<S> starting(Instant now, S status) {
        return new Timeline<>(List.of(new Step<>(now, status)));
    }

    /** Adds a status reached {@code after} the previous step. */
    public Timeline<S> then(Duration after, S status) {
        List<Step<S>> more = new ArrayList<>(steps);
        more.add(new Step<>(steps.get(steps.size() - 1).at().plus(after), status));
        return new Timeline<>(more);
    }

    /** The status at {@code now}: the last step already reached (the first one if none is). */
    public S at(Instant now) {
        S current = steps.get(0).status();
        for (Step<S> step : steps) {
            if (!step.at().isAfter(now)) {
                current = step.status();
            }
        }
        return current;
    }

    /** When the last step is (or was) reached. */
    public Instant settlesAt() {
        return steps.get(steps.size() - 1).at();
    }

    /** The final status this timeline reaches. */
    public S finalStatus() {
        return steps.get(steps.size() - 1).status();
    }
}
