package io.modeldeploy.operator.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The counts the scaler recommended over the last scale-down delay, oldest first, and since when it has been
 * observing: a count is lowered only to the highest recommendation of a window it watched in full (as HPA's
 * stabilization window), so an operator that just (re)started removes nothing before a whole delay has passed.
 *
 * @param observedSince when the first round was recorded; empty before any
 */
public record ScaleHistory(Optional<Instant> observedSince, List<Sample> samples) {

    /** One round's recommendation. */
    public record Sample(Instant at, int recommended) {
    }

    public static final ScaleHistory EMPTY = new ScaleHistory(Optional.empty(), List.of());

    public ScaleHistory {
        samples = List.copyOf(samples);
    }

    /** This history with {@code sample} added, forgetting what lies before {@code window} ends at the sample. */
    ScaleHistory with(Sample sample, Duration window) {
        Instant from = sample.at().minus(window);
        List<Sample> kept = new ArrayList<>(samples.stream().filter(s -> !s.at().isBefore(from)).toList());
        kept.add(sample);
        return new ScaleHistory(observedSince.or(() -> Optional.of(sample.at())), kept);
    }

    /** Whether rounds have been recorded for at least {@code window} up to {@code now}. */
    boolean covers(Duration window, Instant now) {
        return observedSince.filter(since -> !since.plus(window).isAfter(now)).isPresent();
    }

    /** The highest recommendation recorded; 0 when none. */
    int highest() {
        return samples.stream().mapToInt(Sample::recommended).max().orElse(0);
    }
}
