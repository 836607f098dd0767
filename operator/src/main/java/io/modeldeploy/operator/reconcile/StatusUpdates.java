package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.api.v1alpha1.AutoscalingStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.events.Events;
import io.modeldeploy.operator.status.Conditions;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a freshly computed status into the reconcile result: no write when nothing changed, else a
 * status patch from a fresh object (only name, namespace and status), plus Events for what changed.
 */
@Singleton
final class StatusUpdates {
    private static final int MAX_ERROR = 300;
    private final Clock clock;
    private final Events events;

    StatusUpdates(Clock clock, Events events) {
        this.clock = clock;
        this.events = events;
    }

    /** A fresh object holding only the name, namespace and status: no stale field of the cached resource is sent. */
    private static ModelDeployment statusPatch(ModelDeployment md, ModelDeploymentStatus next) {
        ModelDeployment patch = new ModelDeployment();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(md.getMetadata().getName())
                .withNamespace(md.getMetadata().getNamespace())
                .build());
        patch.setStatus(next);
        return patch;
    }

    /** Where the flows record what happened, beside the status. */
    Events events() {
        return events;
    }

    /** The time the flows report at. */
    Instant now() {
        return clock.instant();
    }

    UpdateControl<ModelDeployment> toControl(ModelDeployment md, ModelDeploymentStatus next) {
        ModelDeploymentStatus previous = md.getStatus() == null ? new ModelDeploymentStatus() : md.getStatus();
        next.setConditions(Conditions.carryOver(previous.getConditions(), next.getConditions(), clock.instant()));
        if (next.equals(previous)) {
            return UpdateControl.noUpdate();
        }
        recordEvents(md, previous, next);
        return UpdateControl.patchStatus(statusPatch(md, next));
    }

    /**
     * One Event per count the scaler decided, as the reconcile applies it; none for where it started (a new
     * deployment, or a restart that resumed from status).
     */
    private void recordScaling(ModelDeployment md, AutoscalingStatus previous, AutoscalingStatus next) {
        if (previous == null || next == null || previous.getDesiredReplicas() == null
                || Objects.equals(previous.getDesiredReplicas(), next.getDesiredReplicas())) {
            return;
        }
        events.normal(md, next.getDesiredReplicas() > previous.getDesiredReplicas() ? "ScaledUp" : "ScaledDown",
                next.getLastDecision());
    }

    /**
     * An exception no flow expected: said in status ({@code Ready=False}, reason {@code ReconcileError}) and in a
     * Warning Event, then retried with the framework's backoff. Only the exception's type and a short excerpt of
     * its message are shown: flows put no secret in exception messages.
     */
    ErrorStatusUpdateControl<ModelDeployment> toErrorControl(ModelDeployment md, Exception e) {
        String message = excerpt(e);
        ModelDeploymentStatus previous = md.getStatus() == null ? new ModelDeploymentStatus() : md.getStatus();
        ModelDeploymentStatus next = Serialization.clone(previous);
        List<Condition> conditions = new ArrayList<>(next.getConditions() == null ? List.of() : next.getConditions());
        conditions.removeIf(c -> Conditions.READY.equals(c.getType()));
        conditions.add(0, Conditions.of(Conditions.READY, false, "ReconcileError", message, md.getMetadata().getGeneration()));
        next.setConditions(Conditions.carryOver(previous.getConditions(), conditions, clock.instant()));
        if (next.equals(previous)) {
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        events.warning(md, "ReconcileError", message);
        return ErrorStatusUpdateControl.patchStatus(statusPatch(md, next));
    }

    /**
     * The innermost cause, since the framework wraps what a flow threw; for a refusal by the API server its own
     * status message, which names the object and field, rather than the request line.
     */
    private static String excerpt(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text;
        if (root instanceof KubernetesClientException refused && refused.getStatus() != null
                && refused.getStatus().getMessage() != null) {
            text = "the API server refused a change (" + refused.getCode() + "): " + refused.getStatus().getMessage();
        } else {
            text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        }
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "..." : text;
    }

    private void recordEvents(ModelDeployment md, ModelDeploymentStatus previous, ModelDeploymentStatus next) {
        recordScaling(md, previous.getAutoscaling(), next.getAutoscaling());
        Optional<Condition> ready = Conditions.find(next.getConditions(), Conditions.READY);
        // The first phase of a new deployment is no news (status says it): an Event for it would cost every create
        // one more request. A deployment refused at once is, and keeps its Warning.
        boolean firstPhase = previous.getPhase() == null;
        if (next.getPhase() != previous.getPhase() && (!firstPhase || next.getPhase() == Phase.Failed)) {
            String detail = ready.map(Condition::getMessage).orElse("");
            String message = "phase " + (previous.getPhase() == null ? "-" : previous.getPhase()) + " -> " + next.getPhase()
                    + (detail.isEmpty() ? "" : ": " + detail);
            if (next.getPhase() == Phase.Failed) {
                events.warning(md, ready.map(Condition::getReason).orElse("Failed"), message);
            } else {
                events.normal(md, next.getPhase().name(), message);
            }
        }
        Optional<Condition> degraded = Conditions.find(next.getConditions(), Conditions.DEGRADED)
                .filter(c -> "True".equals(c.getStatus()));
        Optional<Condition> wasDegraded = Conditions.find(previous.getConditions(), Conditions.DEGRADED)
                .filter(c -> "True".equals(c.getStatus()));
        if (degraded.isPresent() && next.getPhase() != Phase.Failed
                && !Objects.equals(degraded.map(Condition::getReason), wasDegraded.map(Condition::getReason))) {
            events.warning(md, degraded.get().getReason(), degraded.get().getMessage());
        }
    }
}
