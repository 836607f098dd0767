package io.modeldeploy.operator.autoscale;

import io.modeldeploy.operator.deployment.AutoscalePolicy;
import io.modeldeploy.operator.deployment.ScaleDecision;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides a deployment's instance count from one round of load. Pure: the caller keeps the current decision and
 * the history and passes them back in.
 * <ul>
 *   <li>Up at once: {@code ceil(demand / targetInFlight)} as soon as it is above the current count; requests held
 *   at zero mean at least one instance.</li>
 *   <li>Down only to the highest count recommended over the last {@code scaleDownDelay}, once the scaler has watched
 *   that long; to zero only when nothing was in flight or held for the whole delay. A round in which a load source
 *   did not answer recommends no fewer than the current count.</li>
 *   <li>Always within [minReplicas, maxReplicas].</li>
 * </ul>
 */
public final class ScaleDecider {
    private ScaleDecider() {
    }

    /**
     * @param next    the count and reason now (the count equals the current one when nothing changes)
     * @param history what to pass to the next round
     */
    public record Outcome(ScaleDecision next, ScaleHistory history, boolean changed) {
    }

    public static Outcome decide(Load load, ScaleDecision current, AutoscalePolicy policy, Instant now,
                                 ScaleHistory history) {
        int was = current.desiredReplicas();
        int demand = load.demand();
        int needed = ceilDiv(demand, policy.targetInFlight());
        if (load.held() > 0) {
            needed = Math.max(needed, 1);
        }
        int recommended = policy.clamp(needed);
        // An incomplete round cannot tell that the load went: it votes to keep what runs.
        ScaleHistory next = history.with(new ScaleHistory.Sample(now, load.complete() ? recommended : Math.max(recommended, was)),
                policy.scaleDownDelay());
        String observed = describe(load, policy);
        ScaleDecision bounded = withinBounds(current, policy, now);
        if (bounded != current) {
            return new Outcome(bounded, next, true);
        }
        if (recommended > was) {
            String why = was == 0 && load.held() > 0 ? load.held() + " requests held at zero" : observed;
            return outcome(load, recommended, "scale up " + was + " to " + recommended + ": " + why
                    + (needed > recommended ? " (maxReplicas " + policy.maxReplicas() + ")" : ""), now, next, was);
        }
        if (recommended == was) {
            return outcome(load, was, "keep " + was + ": " + observed, now, next, was);
        }
        Duration delay = policy.scaleDownDelay();
        if (!next.covers(delay, now)) {
            return outcome(load, was, "keep " + was + ": " + observed + "; load watched for less than scaleDownDelay "
                    + format(delay), now, next, was);
        }
        int floor = next.highest();
        if (floor >= was) {
            return outcome(load, was, "keep " + was + ": " + was + " needed within the last " + format(delay) + "; now "
                    + observed, now, next, was);
        }
        String reason = floor == 0
                ? "scale to zero: nothing in flight or held for " + format(delay)
                : "scale down " + was + " to " + floor + ": at most " + floor + " needed over the last " + format(delay)
                + "; now " + observed;
        return outcome(load, floor, reason, now, next, was);
    }

    /** {@code decision} when its count lies within the policy's bounds, else the nearest bound and why. */
    public static ScaleDecision withinBounds(ScaleDecision decision, AutoscalePolicy policy, Instant now) {
        int was = decision.desiredReplicas();
        int to = policy.clamp(was);
        if (to == was) {
            return decision;
        }
        return new ScaleDecision(to, decision.inFlight(), decision.held(), decision.queued(), "scale "
                + (to > was ? "up " : "down ") + was + " to " + to + ": " + (to > was ? "minReplicas is "
                + policy.minReplicas() : "maxReplicas is " + policy.maxReplicas()), now);
    }

    private static Outcome outcome(Load load, int desired, String reason, Instant now, ScaleHistory history, int was) {
        return new Outcome(new ScaleDecision(desired, Math.max(load.inFlight(), load.engineRunning() + load.engineWaiting()),
                load.held(), load.engineWaiting(), reason, now), history, desired != was);
    }

    private static String describe(Load load, AutoscalePolicy policy) {
        int inFlight = Math.max(load.inFlight(), load.engineRunning() + load.engineWaiting());
        StringBuilder b = new StringBuilder().append(inFlight).append(" in flight");
        if (load.held() > 0) {
            b.append(", ").append(load.held()).append(" held");
        }
        if (load.engineWaiting() > 0) {
            b.append(" (").append(load.engineWaiting()).append(" queued in engines)");
        }
        b.append(", target ").append(policy.targetInFlight()).append(" per instance");
        if (!load.complete()) {
            b.append(", a load source did not answer");
        }
        return b.toString();
    }

    private static int ceilDiv(int a, int b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    /** As spec.autoscaling.scaleDownDelay is written: 30s, 5m, 1h30m. */
    static String format(Duration d) {
        long s = d.getSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append('m');
        }
        if (s % 60 > 0 || b.length() == 0) {
            b.append(s % 60).append('s');
        }
        return b.toString();
    }
}
