package io.modeldeploy.operator.autoscale;

import io.modeldeploy.operator.api.v1alpha1.AutoscalingStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.deployment.AutoscalePolicy;
import io.modeldeploy.operator.deployment.ScaleDecision;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Where the scaler starts for a deployment it has not decided for yet (a new one, or every one after the
 * operator restarted): the count status.autoscaling recorded, so a restart changes nothing; else what runs now
 * (autoscaling added to a running deployment), else minReplicas; always within the policy's bounds.
 */
public final class ScaleStart {
    private ScaleStart() {
    }

    public static ScaleDecision of(AutoscalePolicy policy, Optional<ModelDeploymentStatus> status, Instant now) {
        Optional<AutoscalingStatus> recorded = status.map(ModelDeploymentStatus::getAutoscaling)
                .filter(a -> a.getDesiredReplicas() != null);
        if (recorded.isPresent()) {
            AutoscalingStatus a = recorded.get();
            int desired = a.getDesiredReplicas();
            if (desired == policy.clamp(desired)) {
                // The recorded decision as it is: the status it renders is the one already written.
                return new ScaleDecision(desired, zeroIfNull(a.getInFlight()), zeroIfNull(a.getHeld()),
                        zeroIfNull(a.getQueued()), a.getLastDecision() == null ? "resumed at " + desired : a.getLastDecision(),
                        parse(a.getLastScaleTime()).orElse(now));
            }
            return fresh(policy.clamp(desired), "start at " + policy.clamp(desired) + ": the recorded " + desired
                    + " is outside [" + policy.minReplicas() + ", " + policy.maxReplicas() + "]", now);
        }
        Optional<Integer> running = status.map(ModelDeploymentStatus::getReplicas).filter(r -> r > 0);
        if (running.isPresent()) {
            int start = policy.clamp(running.get());
            return fresh(start, "start at " + start + ": " + running.get() + " instances ran when autoscaling began", now);
        }
        return fresh(policy.minReplicas(), "start at minReplicas " + policy.minReplicas(), now);
    }

    private static ScaleDecision fresh(int desired, String reason, Instant now) {
        return new ScaleDecision(desired, 0, 0, 0, reason, now);
    }

    private static int zeroIfNull(Integer i) {
        return i == null ? 0 : i;
    }

    private static Optional<Instant> parse(String time) {
        try {
            return time == null ? Optional.empty() : Optional.of(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
