package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.events.Events;
import io.modeldeploy.operator.status.Conditions;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a freshly computed status into the reconcile result: no write when nothing changed, else a
 * status patch from a fresh object (only name, namespace and status), plus Events for what changed.
 */
@Singleton
final class StatusUpdates {
    private final Clock clock;
    private final Events events;

    StatusUpdates(Clock clock, Events events) {
        this.clock = clock;
        this.events = events;
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
        ModelDeployment patch = new ModelDeployment();
        patch.setMetadata(new ObjectMetaBuilder()
                .withName(md.getMetadata().getName())
                .withNamespace(md.getMetadata().getNamespace())
                .build());
        patch.setStatus(next);
        return UpdateControl.patchStatus(patch);
    }

    private void recordEvents(ModelDeployment md, ModelDeploymentStatus previous, ModelDeploymentStatus next) {
        Optional<Condition> ready = Conditions.find(next.getConditions(), Conditions.READY);
        if (next.getPhase() != previous.getPhase()) {
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
