package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.modeldeploy.operator.api.v1alpha1.AutoscalingStatus;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.deployment.ScaleDecision;
import io.modeldeploy.operator.validate.SpecError;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Status fields that follow from the spec alone, and the status of a spec that cannot run. */
public final class Statuses {
    private Statuses() {
    }

    public static ModelDeploymentStatus base(ResolvedDeployment d) {
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setObservedGeneration(d.ref().generation());
        status.setMode(d.mode());
        status.setServiceId(d.ref().uid());
        status.setModelId(d.model().id());
        status.setServedNames(d.model().servedNames());
        status.setServiceUrl(d.serviceUrl());
        status.setApiKeySecret(d.apiKey().secretName());
        status.setGpu(d.gpuSummary());
        d.scale().ifPresent(decision -> status.setAutoscaling(autoscaling(decision)));
        return status;
    }

    /** The scaler's decision in force, with the inputs it was made from (not those of every later round). */
    static AutoscalingStatus autoscaling(ScaleDecision decision) {
        AutoscalingStatus a = new AutoscalingStatus();
        a.setDesiredReplicas(decision.desiredReplicas());
        a.setInFlight(decision.inFlight());
        a.setHeld(decision.held());
        a.setQueued(decision.queued());
        a.setLastDecision(decision.reason());
        a.setLastScaleTime(decision.at().truncatedTo(ChronoUnit.SECONDS).toString());
        return a;
    }

    /** Phase Failed, Ready=False with the reason, and what every field the user must fix says. */
    public static ModelDeploymentStatus failed(DeploymentRef ref, Optional<Mode> mode, String reason,
                                               List<SpecError> errors) {
        String message = errors.stream().map(SpecError::toString).collect(Collectors.joining("; "));
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setObservedGeneration(ref.generation());
        status.setMode(mode.orElse(null));
        status.setPhase(Phase.Failed);
        Long generation = ref.generation();
        status.setConditions(new ArrayList<>(List.<Condition>of(
                Conditions.of(Conditions.READY, false, reason, message, generation),
                Conditions.of(Conditions.PROGRESSING, false, reason, "fix the spec to continue", generation),
                Conditions.of(Conditions.DEGRADED, true, reason, message, generation))));
        return status;
    }
}
