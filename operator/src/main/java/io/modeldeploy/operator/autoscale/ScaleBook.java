package io.modeldeploy.operator.autoscale;

import io.modeldeploy.operator.deployment.ScaleDecision;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The deployments the scaler decides for, with the decision in force and the history behind it. The reconcile
 * registers and reads; the scaling loop records; a changed count wakes the deployment's reconcile.
 */
public final class ScaleBook {
    private record Entry(ScaleTarget target, ScaleDecision decision, ScaleHistory history) {
    }

    private final Map<ScaleKey, Entry> entries = new ConcurrentHashMap<>();
    private final List<Consumer<ScaleKey>> listeners = new CopyOnWriteArrayList<>();

    /**
     * Registers (or refreshes) a deployment and answers the decision in force: {@code start} for one not decided
     * for yet. Called by every reconcile of a deployment with spec.autoscaling; a policy whose bounds moved
     * moves the count into them at once.
     */
    public ScaleDecision track(ScaleTarget target, Supplier<ScaleDecision> start, Instant now) {
        return entries.compute(target.key(), (k, e) -> e == null
                ? new Entry(target, ScaleDecider.withinBounds(start.get(), target.policy(), now), ScaleHistory.EMPTY)
                : new Entry(target, ScaleDecider.withinBounds(e.decision(), target.policy(), now), e.history()))
                .decision();
    }

    /** The deployment went, or no longer has spec.autoscaling. */
    public void forget(ScaleKey key) {
        entries.remove(key);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public List<ScaleTarget> targets() {
        return entries.values().stream().map(Entry::target).toList();
    }

    /** A round for one deployment: what the decider needs from the book. */
    public record Current(ScaleDecision decision, ScaleHistory history) {
    }

    public Optional<Current> current(ScaleKey key) {
        return Optional.ofNullable(entries.get(key)).map(e -> new Current(e.decision(), e.history()));
    }

    /**
     * Keeps the round's history; a changed count becomes the decision in force and wakes the reconcile. A
     * deployment forgotten meanwhile stays forgotten.
     */
    public void record(ScaleKey key, ScaleDecider.Outcome outcome) {
        Entry after = entries.computeIfPresent(key, (k, e) -> new Entry(e.target(),
                outcome.changed() ? outcome.next() : e.decision(), outcome.history()));
        if (after != null && outcome.changed()) {
            listeners.forEach(l -> l.accept(key));
        }
    }

    /** {@code listener} learns of every changed count (the reconcile's wake-up). */
    public void onChange(Consumer<ScaleKey> listener) {
        listeners.add(listener);
    }
}
