package io.modeldeploy.operator.validate;

import io.modeldeploy.operator.api.v1alpha1.Autoscaling;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;
import io.modeldeploy.operator.deployment.AutoscalePolicy;
import io.modeldeploy.operator.deployment.Placement;
import io.modeldeploy.operator.provider.ManagedProvider;
import io.modeldeploy.operator.provider.Providers;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * spec.autoscaling: its defaults, the bounds the 1.20 API server cannot check (min <= max, the installation's
 * replica limit) and where it cannot work: a LoRA service runs no engine, and a managed platform scales only
 * through a call its vendor publishes.
 */
final class AutoscalingRules {
    private static final Pattern DURATION = Pattern.compile("(?:([0-9]{1,4})h)?(?:([0-9]{1,5})m)?(?:([0-9]{1,6})s)?");
    private static final String FIELD = "spec.autoscaling";

    private final Providers providers;
    private final SpecLimits limits;

    AutoscalingRules(Providers providers, SpecLimits limits) {
        this.providers = providers;
        this.limits = limits;
    }

    /** The policy, or empty when spec.autoscaling is absent or wrong (the errors say why). */
    Optional<AutoscalePolicy> resolve(ModelDeploymentSpec spec, Placement placement, List<SpecError> errors) {
        Autoscaling a = spec.getAutoscaling();
        if (a == null) {
            return Optional.empty();
        }
        int before = errors.size();
        if (spec.getLora() != null) {
            errors.add(new SpecError(FIELD, "a LoRA service runs no engine of its own: its adapters are served by the"
                    + " base's instances, so set autoscaling on the base deployment instead"));
        }
        int min = a.getMinReplicas() == null ? AutoscalePolicy.DEFAULT_MIN_REPLICAS : a.getMinReplicas();
        int target = a.getTargetInFlight() == null ? AutoscalePolicy.DEFAULT_TARGET_IN_FLIGHT : a.getTargetInFlight();
        if (a.getMaxReplicas() == null) {
            errors.add(new SpecError(FIELD + ".maxReplicas", "is required"));
        } else if (a.getMaxReplicas() < 1) {
            errors.add(new SpecError(FIELD + ".maxReplicas", "must be >= 1"));
        } else if (a.getMaxReplicas() > limits.maxReplicas()) {
            errors.add(new SpecError(FIELD + ".maxReplicas", a.getMaxReplicas() + " is above this installation's limit of "
                    + limits.maxReplicas() + " (operator setting modeldeploy.policy.max-replicas)"));
        } else if (min > a.getMaxReplicas()) {
            errors.add(new SpecError(FIELD + ".minReplicas", min + " is above maxReplicas " + a.getMaxReplicas()));
        }
        if (min < 0) {
            errors.add(new SpecError(FIELD + ".minReplicas", "must be >= 0"));
        }
        if (target < 1) {
            errors.add(new SpecError(FIELD + ".targetInFlight", "must be >= 1"));
        }
        Optional<Duration> delay = delay(a.getScaleDownDelay(), errors);
        if (placement instanceof Placement.Managed managed) {
            checkManaged(managed, min, errors);
        }
        if (errors.size() > before || delay.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AutoscalePolicy(min, a.getMaxReplicas(), target, delay.get()));
    }

    /**
     * A vendor service is scaled through the vendor's own call. Zero is refused on every vendor: the gateway holds
     * requests only for deployments in this cluster (a managed one is reached at the vendor's address), so a managed
     * service at zero would never hear of the request that should wake it; and none of the scale calls this
     * operator uses is documented to accept 0.
     */
    private void checkManaged(Placement.Managed managed, int min, List<SpecError> errors) {
        Optional<ManagedProvider> provider = providers.of(managed.provider());
        if (provider.isPresent() && !provider.get().capabilities().scale()) {
            errors.add(new SpecError(FIELD, managed.provider() + " publishes no call that changes a service's replicas,"
                    + " so the operator cannot scale it: remove autoscaling (spec.replicas is applied at creation)"));
        } else if (min < 1) {
            errors.add(new SpecError(FIELD + ".minReplicas", "must be >= 1 on " + managed.provider() + ": the gateway"
                    + " holds requests only for deployments in this cluster, so a managed service at zero would never be"
                    + " woken, and " + managed.provider() + "'s scale call is not documented to accept 0"));
        }
    }

    private static Optional<Duration> delay(String text, List<SpecError> errors) {
        if (text == null) {
            return Optional.of(AutoscalePolicy.DEFAULT_SCALE_DOWN_DELAY);
        }
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            errors.add(new SpecError(FIELD + ".scaleDownDelay", "'" + text + "' is not a duration like 30s, 5m or 1h30m"));
            return Optional.empty();
        }
        return Optional.of(Duration.ofHours(number(m.group(1))).plusMinutes(number(m.group(2)))
                .plusSeconds(number(m.group(3))));
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }
}
