package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.adapters.WantedAdapters;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.events.EventRecorder;
import io.modeldeploy.operator.render.AdapterLocation;
import io.modeldeploy.operator.render.ModelDeployments;
import io.modeldeploy.operator.status.LoraServiceStatus;
import io.modeldeploy.operator.status.ManagedStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LoRA services (spec.lora.baseRef): they own no pods. Their adapters are loaded by the base's reconcile
 * (see {@link WantedAdapters}); here their status is derived from the base, and deletion waits until
 * the base's instances no longer hold their adapters.
 */
final class LoraServices {
    private static final Duration RECHECK = Duration.ofSeconds(5);
    private static final Duration UNLOAD_RECHECK = Duration.ofSeconds(2);
    /** A base that cannot unload (its engines unreachable) must not block a deletion forever. */
    private static final Duration UNLOAD_PATIENCE = Duration.ofMinutes(2);

    private final AdapterReports reports;

    LoraServices(AdapterReports reports) {
        this.reports = reports;
    }

    UpdateControl<ModelDeployment> reconcile(ModelDeployment md, Context<ModelDeployment> context, EventRecorder events) {
        ResourceID baseId = baseId(md);
        // A base on its way out counts as gone: its instances stop serving any moment now.
        Optional<ModelDeployment> base = context.getPrimaryCache().get(baseId)
                .filter(b -> b.getMetadata().getDeletionTimestamp() == null);
        if (base.isPresent() && ModelDeployments.provider(base.get()) != Provider.InCluster) {
            // Its adapters would wait for engines this cluster does not run: say what makes it work instead.
            Provider vendor = ModelDeployments.provider(base.get());
            return StatusUpdates.toControl(md, ManagedStatus.waiting(md, Optional.ofNullable(md.getStatus()),
                    "BaseOnManagedTarget", "base " + baseId.getName() + " runs on " + vendor + ": give this LoRA"
                            + " service the same spec.target (provider " + vendor + ", endpoint, credentialsSecretRef)",
                    true), events);
        }
        Optional<String> conflict = base.map(b -> WantedAdapters.of(b,
                context.getPrimaryCache().list(md.getMetadata().getNamespace()).toList())
                .conflicts().get(md.getMetadata().getName()));
        ModelDeploymentStatus status = LoraServiceStatus.compute(md, base, reports.of(baseId).orElse(Map.of()), conflict);
        UpdateControl<ModelDeployment> control = StatusUpdates.toControl(md, status, events);
        // Failed loads of this service's adapters do not change the base's status, so nothing else wakes us.
        return status.getPhase() == Phase.Running ? control : control.rescheduleAfter(RECHECK);
    }

    DeleteControl cleanup(ModelDeployment md, Context<ModelDeployment> context, EventRecorder events) {
        Optional<ModelDeployment> base = context.getPrimaryCache().get(baseId(md));
        List<String> names = ModelDeployments.adapters(md).stream().map(AdapterLocation::name).toList();
        List<String> stillHeld = base.map(ModelDeployment::getStatus)
                .filter(s -> s.getPhase() == Phase.Running && s.getInstances() != null)
                .map(s -> s.getInstances().stream()
                        .flatMap(i -> Optional.ofNullable(i.getLoraModels()).orElse(List.of()).stream())
                        .filter(names::contains).distinct().toList())
                .orElse(List.of());
        if (stillHeld.isEmpty()) {
            return DeleteControl.defaultDelete();
        }
        if (deletingFor(md).compareTo(UNLOAD_PATIENCE) > 0) {
            events.warning(md, "UnloadTimedOut", "base " + baseId(md).getName() + " still holds " + stillHeld
                    + " after " + UNLOAD_PATIENCE.toMinutes() + " minutes; deleting anyway");
            return DeleteControl.defaultDelete();
        }
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(UNLOAD_RECHECK.toMillis());
    }

    private static ResourceID baseId(ModelDeployment md) {
        return new ResourceID(md.getSpec().getLora().getBaseRef().getName(), md.getMetadata().getNamespace());
    }

    private static Duration deletingFor(ModelDeployment md) {
        String since = md.getMetadata().getDeletionTimestamp();
        return since == null ? Duration.ZERO : Duration.between(OffsetDateTime.parse(since).toInstant(), Instant.now());
    }
}
