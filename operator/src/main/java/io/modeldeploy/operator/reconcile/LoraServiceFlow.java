package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.status.LoraBase;
import io.modeldeploy.operator.status.LoraServiceStatus;
import io.modeldeploy.operator.status.ManagedStatus;
import io.modeldeploy.operator.validate.DeploymentResolver;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In-cluster LoRA services (spec.lora.baseRef): they own no pods. Their adapters are loaded by the base's
 * reconcile (see {@link LoraServiceCatalog#wantedBy}); here their status is derived from the base, and
 * deletion waits until the base's instances no longer hold their adapters.
 */
@Singleton
final class LoraServiceFlow implements DeploymentFlow {
    private static final Duration RECHECK = Duration.ofSeconds(5);
    private static final Duration UNLOAD_RECHECK = Duration.ofSeconds(2);
    /** A base that cannot unload (its engines unreachable) must not block a deletion forever. */
    private static final Duration UNLOAD_PATIENCE = Duration.ofMinutes(2);

    private final LoraServiceCatalog catalog;
    private final AdapterReports reports;
    private final StatusUpdates statusUpdates;
    private final BaseWakeup baseWakeup;

    LoraServiceFlow(LoraServiceCatalog catalog, AdapterReports reports, StatusUpdates statusUpdates,
                    BaseWakeup baseWakeup) {
        this.catalog = catalog;
        this.reports = reports;
        this.statusUpdates = statusUpdates;
        this.baseWakeup = baseWakeup;
    }

    @Override
    public UpdateControl<ModelDeployment> reconcile(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context) {
        String baseName = d.loraService().orElseThrow().baseName();
        ResourceID baseId = new ResourceID(baseName, d.namespace());
        Optional<LoraServiceCatalog.Base> base = catalog.base(d, context);
        Provider baseProvider = base.map(b -> DeploymentResolver.placementOf(b.resource()).provider())
                .orElse(Provider.InCluster);
        if (baseProvider != Provider.InCluster) {
            // Its adapters would wait for engines this cluster does not run: say what makes it work instead.
            return statusUpdates.toControl(md, ManagedStatus.waiting(d, Optional.ofNullable(md.getStatus()),
                    "BaseOnManagedTarget", "base " + baseName + " runs on " + baseProvider + ": give this LoRA"
                            + " service the same spec.target (provider " + baseProvider + ", endpoint, credentialsSecretRef)",
                    true));
        }
        Optional<LoraBase> baseView = base.map(b -> LoraBase.of(baseName, b.resolution(), b.resource().getStatus()));
        Optional<String> conflict = base.flatMap(b -> b.resolution().deployment())
                .map(b -> catalog.wantedBy(b, context).conflicts().get(d.name()));
        ModelDeploymentStatus status = LoraServiceStatus.compute(d, baseView, reports.of(baseId).orElse(Map.of()), conflict);
        UpdateControl<ModelDeployment> control = statusUpdates.toControl(md, status);
        // Failed loads of this service's adapters do not change the base's status, so nothing else wakes us.
        return status.getPhase() == Phase.Running ? control : control.rescheduleAfter(RECHECK);
    }

    @Override
    public DeleteControl cleanup(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context) {
        String baseName = d.loraService().orElseThrow().baseName();
        Optional<ModelDeployment> base = context.getPrimaryCache().get(new ResourceID(baseName, d.namespace()));
        List<String> names = d.adapterNames();
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
            statusUpdates.events().warning(md, "UnloadTimedOut", "base " + baseName + " still holds " + stillHeld
                    + " after " + UNLOAD_PATIENCE.toMinutes() + " minutes; deleting anyway");
            return DeleteControl.defaultDelete();
        }
        // The base may have missed the deletion (DeploymentWakeups): it looks again, and unloads what it no longer wants.
        baseWakeup.wake(new ResourceID(baseName, d.namespace()));
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(UNLOAD_RECHECK.toMillis());
    }

    private Duration deletingFor(ModelDeployment md) {
        String since = md.getMetadata().getDeletionTimestamp();
        return since == null ? Duration.ZERO : Duration.between(OffsetDateTime.parse(since).toInstant(), statusUpdates.now());
    }
}
