package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.adapters.AdapterSynchronizer;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.adapters.LoadBackoff;
import io.modeldeploy.operator.adapters.WantedAdapters;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.config.OperatorConfig;
import io.modeldeploy.operator.engine.EngineConnector;
import io.modeldeploy.operator.engine.EngineCredential;
import io.modeldeploy.operator.events.EventRecorder;
import io.modeldeploy.operator.provider.Providers;
import io.modeldeploy.operator.render.AdapterLocation;
import io.modeldeploy.operator.render.AdapterSyncRenderer;
import io.modeldeploy.operator.render.DeploymentRenderer;
import io.modeldeploy.operator.render.DesiredDigest;
import io.modeldeploy.operator.render.IngressRenderer;
import io.modeldeploy.operator.render.Labels;
import io.modeldeploy.operator.render.LeadersServiceRenderer;
import io.modeldeploy.operator.render.ModelDeployments;
import io.modeldeploy.operator.render.MultiNode;
import io.modeldeploy.operator.render.QuickStartPodRenderer;
import io.modeldeploy.operator.render.RenderSettings;
import io.modeldeploy.operator.render.ServiceRenderer;
import io.modeldeploy.operator.status.Conditions;
import io.modeldeploy.operator.status.GroupStatus;
import io.modeldeploy.operator.status.InClusterStatus;
import io.modeldeploy.operator.status.LivePods;
import io.modeldeploy.operator.status.Statuses;
import io.modeldeploy.operator.validate.SpecError;
import io.modeldeploy.operator.validate.SpecValidator;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles a ModelDeployment running in this cluster: validate, render the desired objects (pure
 * functions of spec and operator config), apply only what changed, then derive status from the live
 * Deployment and pods and write it only when it changed.
 */
@ControllerConfiguration(name = "modeldeployment",
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class ModelDeploymentReconciler implements Reconciler<ModelDeployment>, Cleaner<ModelDeployment> {
    private static final Logger LOG = Logger.getLogger(ModelDeploymentReconciler.class);
    static final String FIELD_MANAGER = "modeldeploy-operator";
    private static final String MANAGED = Labels.MANAGED_BY + "=" + Labels.MANAGED_BY_VALUE;
    private static final Duration MISSING_KEY_RETRY = Duration.ofSeconds(30);

    private static final Duration ADAPTER_RECHECK = Duration.ofSeconds(3);

    private final RenderSettings settings;
    private final EngineConnector engines;
    private final LoadBackoff loadBackoff = new LoadBackoff(Clock.systemUTC());
    private final AdapterSynchronizer adapterSync = new AdapterSynchronizer(loadBackoff);
    private final AdapterReports adapterReports = new AdapterReports();
    private final LoraServices loraServices = new LoraServices(adapterReports);
    private final CredentialsGuard credentialsGuard = new CredentialsGuard();
    private final ManagedTargets managedTargets;
    private final MultiNodeGroups groups;

    public ModelDeploymentReconciler(OperatorConfig config, EngineConnector engines) {
        this.settings = RenderSettings.from(config);
        this.engines = engines;
        this.groups = new MultiNodeGroups(settings, Clock.systemUTC());
        this.managedTargets = new ManagedTargets(Providers.standard()
                .withDefaultEndpoint(Provider.AlayaNeW, config.vendors().alayaNewEndpoint())
                .withDefaultEndpoint(Provider.ZStack, config.vendors().zstackEndpoint())
                .withDefaultEndpoint(Provider.Qianfan, config.vendors().qianfanEndpoint())
                .withDefaultEndpoint(Provider.DRun, config.vendors().dRunEndpoint()), credentialsGuard);
    }

    @Override
    public List<EventSource<?, ModelDeployment>> prepareEventSources(EventSourceContext<ModelDeployment> context) {
        return List.of(
                owned(context, Deployment.class),
                owned(context, Service.class),
                owned(context, Ingress.class),
                owned(context, Secret.class),
                owned(context, ConfigMap.class),
                LoraLinks.eventSource(context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ModelDeployment.class)
                        .withLabelSelector(MANAGED)
                        .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                                pod.getMetadata().getLabels().get(Labels.DEPLOYMENT), pod.getMetadata().getNamespace())))
                        .build(), context));
    }

    private static <R extends HasMetadata> InformerEventSource<R, ModelDeployment> owned(
            EventSourceContext<ModelDeployment> context, Class<R> type) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, ModelDeployment.class)
                .withLabelSelector(MANAGED)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(ModelDeployment.class, false))
                .build(), context);
    }

    @Override
    public UpdateControl<ModelDeployment> reconcile(ModelDeployment md, Context<ModelDeployment> context) {
        EventRecorder events = new EventRecorder(context.getClient());
        if (specChanged(md)) {
            // It may name another credentials Secret now, or none: the one it named may be let go.
            credentialsGuard.sweep(context.getClient(), md.getMetadata().getNamespace());
        }
        List<SpecError> errors = SpecValidator.validate(md);
        if (!errors.isEmpty()) {
            return fail(md, "InvalidSpec", errors, events);
        }
        if (ModelDeployments.provider(md) != Provider.InCluster) {
            if (!managedTargets.supports(ModelDeployments.provider(md))) {
                return fail(md, "ProviderNotSupported", List.of(new SpecError("spec.target.provider",
                        ModelDeployments.provider(md) + " is not supported by this operator version")), events);
            }
            return managedTargets.reconcile(md, context, events);
        }
        if (ModelDeployments.mode(md).orElseThrow() == Mode.LoRA) {
            return loraServices.reconcile(md, context, events);
        }

        ApiKeys.Resolved apiKey;
        try {
            apiKey = new ApiKeys(context.getClient()).ensure(md, context.getSecondaryResources(Secret.class).stream()
                    .filter(s -> s.getMetadata().getName().equals(ModelDeployments.apiKeySecretName(md))).findFirst());
        } catch (ApiKeys.MissingKey e) {
            return waitForApiKey(md, e.getMessage(), events);
        }

        if (MultiNode.enabled(md)) {
            return reconcileGroups(md, context, apiKey, events);
        }
        removeGroups(md, context);
        DeploymentRenderer.Rendered workload = DeploymentRenderer.render(md, apiKey.ref(), settings);
        boolean lora = ModelDeployments.loraEnabled(md);
        if (lora) {
            // Before the Deployment: its pods mount this ConfigMap.
            applyIfChanged(context, DesiredDigest.stamp(AdapterSyncRenderer.configMap(md, wantedAdapters(md, context).adapters())),
                    context.getSecondaryResources(ConfigMap.class).stream().filter(c -> c.getMetadata().getName()
                            .equals(AdapterSyncRenderer.configMapName(md))).findFirst());
        }
        applyIfChanged(context, DesiredDigest.stamp(workload.deployment()), context.getSecondaryResource(Deployment.class));
        applyClientAccess(md, context, workload.enginePort());

        List<Pod> pods = List.copyOf(context.getSecondaryResources(Pod.class));
        Map<String, InstanceAdapters> adapters = Map.of();
        if (lora) {
            Map<String, InstanceAdapters> synced = syncAdapters(md, pods, workload.enginePort(), apiKey.credential(),
                    wantedAdapters(md, context).adapters());
            adapterReports.publish(ResourceID.fromResource(md), synced);
            // This deployment's status speaks for its own adapters; LoRA services report theirs.
            List<String> own = ModelDeployments.adapters(md).stream().map(AdapterLocation::name).toList();
            adapters = synced.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().onlyFor(own)));
        }
        ModelDeploymentStatus status = InClusterStatus.compute(md, context.getSecondaryResource(Deployment.class),
                pods, adapters);
        UpdateControl<ModelDeployment> control = StatusUpdates.toControl(md, status, events);
        if (lora && !adapters.values().stream().allMatch(InstanceAdapters::complete)) {
            // Downloads end without any Kubernetes event: look again soon. Loads that failed are not
            // retried before their backoff ends, however often this runs.
            control = control.rescheduleAfter(ADAPTER_RECHECK);
        }
        return control;
    }

    /** Multi-node instances: groups of pods behind a leaders Service, the client Service on the leaders. */
    private UpdateControl<ModelDeployment> reconcileGroups(ModelDeployment md, Context<ModelDeployment> context,
                                                           ApiKeys.Resolved apiKey, EventRecorder events) {
        // A deployment that was single-node before: its Deployment's pods give way to the groups.
        context.getSecondaryResource(Deployment.class).ifPresent(d -> context.getClient().resource(d).delete());
        applyIfChanged(context, DesiredDigest.stamp(LeadersServiceRenderer.render(md)),
                service(context, MultiNode.leadersServiceName(md)));
        applyClientAccess(md, context, QuickStartPodRenderer.enginePort(md.getSpec().getQuickStart()));
        MultiNodeGroups.Synced synced = groups.sync(md, List.copyOf(context.getSecondaryResources(Pod.class)),
                apiKey.ref(), GroupPodApi.of(context.getClient()));
        synced.restarts().forEach(r -> events.warning(md, "GroupRestarted", r.message()));
        UpdateControl<ModelDeployment> control = StatusUpdates.toControl(md,
                GroupStatus.compute(md, synced.pods(), synced.digest()), events);
        return synced.recheckAfter().map(control::rescheduleAfter).orElse(control);
    }

    /** A deployment that was multi-node before: its groups and leaders Service go. */
    private static void removeGroups(ModelDeployment md, Context<ModelDeployment> context) {
        List<Pod> groupPods = context.getSecondaryResources(Pod.class).stream()
                .filter(p -> p.getMetadata().getLabels().containsKey(MultiNode.GROUP)
                        && p.getMetadata().getDeletionTimestamp() == null).toList();
        groupPods.forEach(p -> context.getClient().resource(p).delete());
        service(context, MultiNode.leadersServiceName(md)).ifPresent(s -> context.getClient().resource(s).delete());
    }

    /** The Service clients call, and the Ingress in front of it when spec.exposure asks for one. */
    private static void applyClientAccess(ModelDeployment md, Context<ModelDeployment> context, int enginePort) {
        applyIfChanged(context, DesiredDigest.stamp(ServiceRenderer.render(md, enginePort)),
                service(context, md.getMetadata().getName()));
        Optional<Ingress> liveIngress = context.getSecondaryResource(Ingress.class);
        Optional<Ingress> desiredIngress = IngressRenderer.render(md).map(DesiredDigest::stamp);
        if (desiredIngress.isPresent()) {
            applyIfChanged(context, desiredIngress.get(), liveIngress);
        } else {
            liveIngress.ifPresent(i -> context.getClient().resource(i).delete());
        }
    }

    private static Optional<Service> service(Context<ModelDeployment> context, String name) {
        return context.getSecondaryResources(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst();
    }

    /** Loads and unloads adapters on every ready instance; returns what each engine really holds. */
    private Map<String, InstanceAdapters> syncAdapters(ModelDeployment md, List<Pod> pods, int enginePort,
                                                       EngineCredential credential, List<AdapterLocation> wanted) {
        Map<String, InstanceAdapters> out = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!LivePods.servesRequests(pod)) {
                continue;
            }
            String ip = pod.getStatus().getPodIP();
            Backend backend = ModelDeployments.backend(md, LivePods.container(pod, enginePort));
            out.put(pod.getMetadata().getName(), adapterSync.sync(pod.getMetadata().getUid(),
                    engines.engine(ip, enginePort, backend, credential), engines.sidecar(ip, settings.lora().syncPort()),
                    wanted));
        }
        loadBackoff.retainPods(pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet()));
        return out;
    }

    private static WantedAdapters wantedAdapters(ModelDeployment md, Context<ModelDeployment> context) {
        return WantedAdapters.of(md, context.getPrimaryCache().list(md.getMetadata().getNamespace()).toList());
    }

    @Override
    public DeleteControl cleanup(ModelDeployment md, Context<ModelDeployment> context) {
        adapterReports.forget(ResourceID.fromResource(md));
        if (ModelDeployments.provider(md) != Provider.InCluster) {
            return managedTargets.cleanup(md, context, new EventRecorder(context.getClient()));
        }
        if (ModelDeployments.mode(md).orElse(null) == Mode.LoRA) {
            return loraServices.cleanup(md, context, new EventRecorder(context.getClient()));
        }
        // Everything in the cluster is owned by the ModelDeployment: garbage collection removes it.
        return DeleteControl.defaultDelete();
    }

    private static boolean specChanged(ModelDeployment md) {
        return md.getStatus() == null || !Objects.equals(md.getStatus().getObservedGeneration(), md.getMetadata().getGeneration());
    }

    static <R extends HasMetadata> void applyIfChanged(Context<ModelDeployment> context, R desired,
                                                               Optional<R> live) {
        if (live.isPresent() && DesiredDigest.matches(live.get(), desired)) {
            return;
        }
        LOG.infof("applying %s %s/%s", desired.getKind(), desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        context.getClient().resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    private UpdateControl<ModelDeployment> fail(ModelDeployment md, String reason, List<SpecError> errors, EventRecorder events) {
        ModelDeploymentStatus status = Statuses.failed(md, reason, errors);
        return StatusUpdates.toControl(md, status, events);
    }

    private UpdateControl<ModelDeployment> waitForApiKey(ModelDeployment md, String message, EventRecorder events) {
        ModelDeploymentStatus status = Statuses.base(md);
        status.setPhase(Phase.Pending);
        Long generation = md.getMetadata().getGeneration();
        status.setConditions(new ArrayList<>(List.of(
                Conditions.of(Conditions.READY, false, "ApiKeyNotFound", message, generation),
                Conditions.of(Conditions.PROGRESSING, true, "ApiKeyNotFound", message, generation),
                Conditions.of(Conditions.DEGRADED, true, "ApiKeyNotFound", message, generation))));
        // The user's Secret is not watched (it carries none of our labels): look again in a while.
        return StatusUpdates.toControl(md, status, events).rescheduleAfter(MISSING_KEY_RETRY);
    }

    @Override
    public ErrorStatusUpdateControl<ModelDeployment> updateErrorStatus(ModelDeployment md, Context<ModelDeployment> context,
                                                                     Exception e) {
        LOG.warnf("reconcile of %s/%s failed (will retry): %s", md.getMetadata().getNamespace(), md.getMetadata().getName(),
                e.getMessage());
        return ErrorStatusUpdateControl.noStatusUpdate();
    }
}
