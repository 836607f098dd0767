package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.autoscale.ScaleBook;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.status.Statuses;
import io.modeldeploy.operator.validate.DeploymentResolver;
import io.modeldeploy.operator.validate.Resolution;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Resolves a ModelDeployment's spec once and hands it to the flow for where and how it runs: in this
 * cluster, on a managed platform, or as a LoRA service on another deployment. A spec that does not resolve
 * gets a Failed status naming every field to fix, and nothing else happens. Not a {@code Cleaner}: deletions
 * that have work to do hold {@link CleanupFinalizer} and are {@link ModelDeploymentCleaner}'s.
 */
@ControllerConfiguration(name = "modeldeployment",
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class ModelDeploymentReconciler implements Reconciler<ModelDeployment> {
    private static final Logger LOG = Logger.getLogger(ModelDeploymentReconciler.class);

    private final DeploymentResolver resolver;
    private final DeploymentFlows flows;
    private final CredentialsHold credentialsGuard;
    private final AdapterReports adapterReports;
    private final StatusUpdates statusUpdates;
    private final GatewayKeys gatewayKeys;
    private final Autoscaled autoscaled;
    private final ScaleBook scaleBook;
    private final DeploymentWakeups wakeups;
    private final ManagedDeploymentGate gate;
    private final ClusterWriter cluster;
    private final BatchedWakeups batches;
    private final OwnCreates ownCreates;

    ModelDeploymentReconciler(DeploymentResolver resolver, DeploymentFlows flows, CredentialsHold credentialsGuard,
                              AdapterReports adapterReports, StatusUpdates statusUpdates, GatewayKeys gatewayKeys,
                              Autoscaled autoscaled, ScaleBook scaleBook, DeploymentWakeups wakeups,
                              ManagedDeploymentGate gate, ClusterWriter cluster, BatchedWakeups batches,
                              OwnCreates ownCreates) {
        this.resolver = resolver;
        this.flows = flows;
        this.credentialsGuard = credentialsGuard;
        this.adapterReports = adapterReports;
        this.statusUpdates = statusUpdates;
        this.gatewayKeys = gatewayKeys;
        this.autoscaled = autoscaled;
        this.scaleBook = scaleBook;
        this.wakeups = wakeups;
        this.gate = gate;
        this.cluster = cluster;
        this.batches = batches;
        this.ownCreates = ownCreates;
    }

    @Override
    public List<EventSource<?, ModelDeployment>> prepareEventSources(EventSourceContext<ModelDeployment> context) {
        LoraLinks.index(context);
        List<EventSource<?, ModelDeployment>> sources = new java.util.ArrayList<>(EventSources.of(context, batches, ownCreates));
        sources.add(batches);
        sources.add(LoraWakeups.of(context, adapterReports));
        sources.add(AutoscaleWakeups.of(scaleBook));
        sources.add(wakeups);
        InformerCredentialsCaches credentials = InformerCredentialsCaches.of(context);
        credentialsGuard.readFrom(credentials);
        sources.add(credentials.eventSource());
        sources.add(new CredentialsSweep(credentialsGuard));
        Runnable sweepKeyCopies = () -> {
        };
        var keyCopies = PublishedKeyCopies.of(context, gatewayKeys);
        if (keyCopies.isPresent()) {
            PublishedKeySweeps keySweeps = new PublishedKeySweeps(gatewayKeys,
                    () -> context.getPrimaryCache().list().toList());
            sources.add(keyCopies.get());
            sources.add(keySweeps);
            sweepKeyCopies = keySweeps::sweepSoon;
        }
        sources.add(new DeletedDeployments(adapterReports, autoscaled, gate, sweepKeyCopies));
        return sources;
    }

    @Override
    public UpdateControl<ModelDeployment> reconcile(ModelDeployment md, Context<ModelDeployment> context) {
        if (specChanged(md) && wasManaged(md)) {
            // It may name another credentials Secret now, or none: the one it named may be let go.
            credentialsGuard.sweep(md.getMetadata().getNamespace());
        }
        Resolution resolution = resolver.resolve(md);
        if (resolution instanceof Resolution.Invalid invalid) {
            ModelDeploymentStatus failed = Statuses.failed(DeploymentRef.of(md), invalid.mode(), "InvalidSpec",
                    invalid.errors());
            // The vendor's id and the record of a create sent survive a bad edit: the deletion needs them.
            failed.setTarget(md.getStatus() == null ? null : md.getStatus().getTarget());
            // What the scaler decided stays in status: a fixed spec resumes from it.
            failed.setAutoscaling(md.getStatus() == null ? null : md.getStatus().getAutoscaling());
            autoscaled.forget(md);
            return statusUpdates.toControl(md, failed);
        }
        // With spec.autoscaling, the scaler's count replaces spec.replicas for everything downstream.
        ResolvedDeployment d = autoscaled.apply(resolution.deployment().orElseThrow(), md,
                context.getSecondaryResources(Pod.class));
        if (CleanupFinalizer.needed(d) && !md.hasFinalizer(CleanupFinalizer.NAME)) {
            // Before the flow's first vendor call or adapter load: from now on, a deletion waits for its cleanup.
            cluster.addFinalizer(md, CleanupFinalizer.NAME);
            md.addFinalizer(CleanupFinalizer.NAME);
        }
        return flows.of(d).reconcile(d, md, context);
    }

    /** Only a deployment that ran on a vendor can have held a Secret it names no more (the sweep catches the rest). */
    private static boolean wasManaged(ModelDeployment md) {
        return md.getStatus() != null && md.getStatus().getTarget() != null;
    }

    private static boolean specChanged(ModelDeployment md) {
        return md.getStatus() == null || !Objects.equals(md.getStatus().getObservedGeneration(), md.getMetadata().getGeneration());
    }

    @Override
    public ErrorStatusUpdateControl<ModelDeployment> updateErrorStatus(ModelDeployment md, Context<ModelDeployment> context,
                                                                     Exception e) {
        if (NamespaceBeingDeleted.refused(e)) {
            LOG.debugf("%s/%s: its namespace is being deleted; waiting for the deployment to go with it",
                    md.getMetadata().getNamespace(), md.getMetadata().getName());
            return ErrorStatusUpdateControl.<ModelDeployment>noStatusUpdate().withNoRetry();
        }
        LOG.warnf("reconcile of %s/%s failed (will retry): %s", md.getMetadata().getNamespace(), md.getMetadata().getName(),
                e.getMessage());
        return statusUpdates.toErrorControl(md, e);
    }
}
