package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.adapters.AdapterSynchronizer;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.adapters.LoadBackoff;
import io.modeldeploy.operator.adapters.WantedAdapters;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.deployment.AdapterLocation;
import io.modeldeploy.operator.deployment.GroupLabels;
import io.modeldeploy.operator.deployment.Names;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.EngineConnector;
import io.modeldeploy.operator.engine.EngineCredential;
import io.modeldeploy.operator.engine.Engines;
import io.modeldeploy.operator.events.Events;
import io.modeldeploy.operator.render.AdapterSyncRenderer;
import io.modeldeploy.operator.render.DeploymentRenderer;
import io.modeldeploy.operator.render.IngressRenderer;
import io.modeldeploy.operator.render.LeadersServiceRenderer;
import io.modeldeploy.operator.render.NetworkPolicyRenderer;
import io.modeldeploy.operator.render.RenderSettings;
import io.modeldeploy.operator.render.ServiceRenderer;
import io.modeldeploy.operator.status.Conditions;
import io.modeldeploy.operator.status.GroupStatus;
import io.modeldeploy.operator.status.InClusterStatus;
import io.modeldeploy.operator.status.LivePods;
import io.modeldeploy.operator.status.PodRefusals;
import io.modeldeploy.operator.status.Statuses;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Deployments whose engines run in this cluster (quickStart and expert): render the desired objects (pure
 * functions of the resolved deployment and the operator's settings), apply only what changed, load the
 * adapters into the engines, then derive status from the live Deployment or groups and their pods.
 */
@Singleton
final class InClusterFlow implements DeploymentFlow {
    /** How soon to look again at what no informer watches: a user's key Secret, someone else's object. */
    private static final Duration UNWATCHED_RECHECK = Duration.ofSeconds(30);
    private static final Duration ADAPTER_RECHECK = Duration.ofSeconds(3);
    /**
     * How long after making an Ingress it is looked at again, and for how long: another deployment may have made
     * one for the same host a moment before, which the Ingress informer did not show yet, and nothing else wakes
     * this deployment when it shows up.
     */
    private static final Duration YOUNG_HOST_CLAIM = Duration.ofSeconds(30);
    private static final Duration HOST_CLAIM_RECHECK = Duration.ofSeconds(5);

    private final RenderSettings settings;
    private final EngineConnector engines;
    private final ClusterWriter cluster;
    private final LoraServiceCatalog loraServices;
    private final LoadBackoff loadBackoff;
    private final AdapterSynchronizer adapterSync;
    private final AdapterReports adapterReports;
    private final ApiKeys apiKeys;
    private final GatewayKeys gatewayKeys;
    private final ConcurrentWrites writes;
    private final MultiNodeGroups groups;
    private final HostIngresses hostIngresses;
    private final StatusUpdates statusUpdates;
    private final Events events;
    private final Clock clock;

    InClusterFlow(RenderSettings settings, EngineConnector engines, ClusterWriter cluster, LoraServiceCatalog loraServices,
                  LoadBackoff loadBackoff, AdapterReports adapterReports, HostIngresses hostIngresses,
                  StatusUpdates statusUpdates, GatewayKeys gatewayKeys, ConcurrentWrites writes, Clock clock) {
        this.settings = settings;
        this.engines = engines;
        this.cluster = cluster;
        this.loraServices = loraServices;
        this.loadBackoff = loadBackoff;
        this.adapterSync = new AdapterSynchronizer(loadBackoff);
        this.adapterReports = adapterReports;
        this.apiKeys = new ApiKeys(cluster);
        this.gatewayKeys = gatewayKeys;
        this.writes = writes;
        this.groups = new MultiNodeGroups(settings, clock);
        this.hostIngresses = hostIngresses;
        this.statusUpdates = statusUpdates;
        this.events = statusUpdates.events();
        this.clock = clock;
    }

    @Override
    public UpdateControl<ModelDeployment> reconcile(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context) {
        try {
            return converge(d, md, context);
        } catch (ResourceConflict e) {
            return waitForConflict(d, md, e.getMessage());
        }
    }

    private UpdateControl<ModelDeployment> converge(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context) {
        Optional<Secret> cachedKey = context.getSecondaryResources(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().equals(d.apiKey().secretName())).findFirst();
        ApiKeys.Resolved apiKey;
        try {
            // Before any pod exists: a pod never runs unprotected. The policy does not need the key.
            apiKey = writes.alongside(() -> apiKeys.ensure(d, cachedKey), () -> applyNetworkPolicy(d, context));
        } catch (ApiKeys.MissingKey e) {
            return waitForApiKey(d, md, e.getMessage());
        }
        if (d.multiNode()) {
            gatewayKeys.publish(d, apiKey.credential().value());
            return reconcileGroups(d, md, context, apiKey);
        }
        removeGroups(d, context);
        Optional<WantedAdapters> wanted = d.loraEnabled() ? Optional.of(loraServices.wantedBy(d, context)) : Optional.empty();
        // Before the Deployment: its pods mount this ConfigMap.
        wanted.ifPresent(w -> cluster.applyIfChanged(AdapterSyncRenderer.configMap(d, w.adapters()),
                context.getSecondaryResources(ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().equals(Names.adapterSyncConfigMap(d.ref()))).findFirst()));
        AtomicBoolean youngClaim = new AtomicBoolean();
        writes.all(() -> cluster.applyIfChanged(DeploymentRenderer.render(d, apiKey.ref(), settings),
                        context.getSecondaryResource(Deployment.class)),
                () -> youngClaim.set(applyClientAccess(d, context)),
                () -> gatewayKeys.publish(d, apiKey.credential().value()));
        boolean youngHostClaim = youngClaim.get();

        List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
        Map<String, InstanceAdapters> synced = Map.of();
        Map<String, InstanceAdapters> adapters = Map.of();
        if (wanted.isPresent()) {
            synced = syncAdapters(d, pods, apiKey.credential(), wanted.get().adapters());
            adapterReports.publish(ResourceID.fromResource(md), synced);
            // This deployment's status speaks for its own adapters; LoRA services report theirs.
            List<String> own = d.adapterNames();
            adapters = synced.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().onlyFor(own)));
        }
        Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class);
        ModelDeploymentStatus status = PodRefusals.apply(InClusterStatus.compute(d, deployment, pods, adapters), d,
                PodRefusals.of(deployment));
        UpdateControl<ModelDeployment> control = statusUpdates.toControl(md, status);
        if (!synced.values().stream().allMatch(InstanceAdapters::complete)) {
            // Downloads end without any Kubernetes event: look again soon, for the adapters of the LoRA services
            // on this deployment too (only this reconcile loads them). Loads that failed are not retried before
            // their backoff ends, however often this runs.
            control = control.rescheduleAfter(ADAPTER_RECHECK);
        }
        return youngHostClaim ? soonest(control, HOST_CLAIM_RECHECK) : control;
    }

    private static UpdateControl<ModelDeployment> soonest(UpdateControl<ModelDeployment> control, Duration delay) {
        return control.getScheduleDelay().filter(ms -> ms <= delay.toMillis()).isPresent() ? control
                : control.rescheduleAfter(delay);
    }

    /** Everything in the cluster is owned by the ModelDeployment: garbage collection removes it. */
    @Override
    public DeleteControl cleanup(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context) {
        return DeleteControl.defaultDelete();
    }

    /** Multi-node instances: groups of pods behind a leaders Service, the client Service on the leaders. */
    private UpdateControl<ModelDeployment> reconcileGroups(ResolvedDeployment d, ModelDeployment md,
                                                           Context<ModelDeployment> context, ApiKeys.Resolved apiKey) {
        // A deployment that was single-node before: its Deployment's pods give way to the groups.
        context.getSecondaryResource(Deployment.class).ifPresent(cluster::delete);
        cluster.applyIfChanged(LeadersServiceRenderer.render(d), service(context, Names.leadersService(d.ref())));
        boolean youngHostClaim = applyClientAccess(d, context);
        MultiNodeGroups.Synced synced = groups.sync(d, List.copyOf(context.getSecondaryResources(Pod.class)),
                apiKey.ref(), cluster.groupPods());
        synced.restarts().forEach(r -> events.warning(md, "GroupRestarted", r.message()));
        UpdateControl<ModelDeployment> control = statusUpdates.toControl(md,
                PodRefusals.apply(GroupStatus.compute(d, synced.pods(), synced.digest()), d, synced.refusal()));
        if (synced.refusal().isPresent()) {
            // A quota raised or a webhook fixed wakes no informer: try again in a while.
            return control.rescheduleAfter(UNWATCHED_RECHECK);
        }
        control = synced.recheckAfter().map(control::rescheduleAfter).orElse(control);
        return youngHostClaim ? soonest(control, HOST_CLAIM_RECHECK) : control;
    }

    /** A deployment that was multi-node before: its groups and leaders Service go, and nobody else's pods. */
    private void removeGroups(ResolvedDeployment d, Context<ModelDeployment> context) {
        context.getSecondaryResources(Pod.class).stream()
                .filter(p -> p.getMetadata().getLabels().containsKey(GroupLabels.GROUP)
                        && ControllerOwner.is(p, d.ref().uid())
                        && p.getMetadata().getDeletionTimestamp() == null)
                .forEach(cluster::delete);
        service(context, Names.leadersService(d.ref())).ifPresent(cluster::delete);
    }

    /** The deployment's NetworkPolicy; when the installation turned policies off, the one made before goes. */
    private void applyNetworkPolicy(ResolvedDeployment d, Context<ModelDeployment> context) {
        Optional<NetworkPolicy> live = context.getSecondaryResource(NetworkPolicy.class);
        Optional<NetworkPolicy> desired = NetworkPolicyRenderer.render(d, settings);
        if (desired.isPresent()) {
            cluster.applyIfChanged(desired.get(), live);
        } else {
            live.ifPresent(cluster::delete);
        }
    }

    /**
     * The Service clients call, and the Ingress in front of it when spec.exposure asks for one, unless another
     * deployment serves that host already.
     *
     * @return whether this deployment's Ingress is young enough that a race for its host may not show yet
     */
    private boolean applyClientAccess(ResolvedDeployment d, Context<ModelDeployment> context) {
        cluster.applyIfChanged(ServiceRenderer.render(d), service(context, d.name()));
        Optional<Ingress> liveIngress = context.getSecondaryResources(Ingress.class).stream()
                .filter(i -> ControllerOwner.is(i, d.ref().uid())).findFirst();
        Optional<Ingress> desiredIngress = IngressRenderer.render(d);
        if (desiredIngress.isPresent()) {
            String host = d.ingress().orElseThrow().host();
            Optional<Ingress> holder = HostClaim.heldByAnother(d.ref(), host, hostIngresses.routing(host, context));
            if (holder.isPresent()) {
                // A live Ingress of this deployment lost a race for the host, or routes a host the spec left: it goes.
                liveIngress.ifPresent(cluster::delete);
                throw ResourceConflict.onHost(host, holder.get());
            }
            cluster.applyIfChanged(desiredIngress.get(), liveIngress);
            return liveIngress.map(this::young).orElse(true);
        }
        liveIngress.ifPresent(cluster::delete);
        return false;
    }

    private boolean young(Ingress ingress) {
        String created = ingress.getMetadata().getCreationTimestamp();
        return created != null && Instant.parse(created).plus(YOUNG_HOST_CLAIM).isAfter(clock.instant());
    }

    private static Optional<Service> service(Context<ModelDeployment> context, String name) {
        return context.getSecondaryResources(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst();
    }

    /** Loads and unloads adapters on every ready instance; returns what each engine really holds. */
    private Map<String, InstanceAdapters> syncAdapters(ResolvedDeployment d, List<Pod> pods,
                                                       EngineCredential credential, List<AdapterLocation> wanted) {
        Engine engine = Engines.of(d.backend().orElseThrow());
        Map<String, InstanceAdapters> out = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!LivePods.servesRequests(pod)) {
                continue;
            }
            String ip = pod.getStatus().getPodIP();
            out.put(pod.getMetadata().getName(), adapterSync.sync(pod.getMetadata().getUid(),
                    engines.engine(ip, d.enginePort(), engine, credential),
                    engines.sidecar(ip, settings.lora().syncPort()), wanted));
        }
        loadBackoff.retainPods(pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet()));
        return out;
    }

    private UpdateControl<ModelDeployment> waitForApiKey(ResolvedDeployment d, ModelDeployment md, String message) {
        // The user's Secret is not watched (it carries none of our labels): look again in a while.
        return statusUpdates.toControl(md, waiting(d, "ApiKeyNotFound", message)).rescheduleAfter(UNWATCHED_RECHECK);
    }

    /**
     * Someone else's object has a name this deployment needs. It is not watched, so look again in a while; the
     * new Degraded reason is a Warning Event already (StatusUpdates).
     */
    private UpdateControl<ModelDeployment> waitForConflict(ResolvedDeployment d, ModelDeployment md, String message) {
        return statusUpdates.toControl(md, waiting(d, "ResourceConflict", message)).rescheduleAfter(UNWATCHED_RECHECK);
    }

    /** Pending, and why: what the user must fix before anything runs. */
    private static ModelDeploymentStatus waiting(ResolvedDeployment d, String reason, String message) {
        ModelDeploymentStatus status = Statuses.base(d);
        status.setPhase(Phase.Pending);
        Long generation = d.ref().generation();
        status.setConditions(new ArrayList<>(List.of(
                Conditions.of(Conditions.READY, false, reason, message, generation),
                Conditions.of(Conditions.PROGRESSING, true, reason, message, generation),
                Conditions.of(Conditions.DEGRADED, true, reason, message, generation))));
        return status;
    }
}
