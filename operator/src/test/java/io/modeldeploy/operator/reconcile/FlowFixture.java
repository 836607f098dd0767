package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.MutableClock;
import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.adapters.LoadBackoff;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.LocalObjectReference;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.Target;
import io.modeldeploy.operator.api.v1alpha1.TargetStatus;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.engine.EngineConnector;
import io.modeldeploy.operator.provider.Providers;
import io.modeldeploy.operator.provider.VendorNames;
import io.modeldeploy.operator.render.RenderSettings;
import io.modeldeploy.operator.status.Conditions;
import io.modeldeploy.operator.validate.DeploymentResolver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The flows wired as the operator wires them, on fakes: a cluster and a vendor in memory, recorded Events,
 * a clock the test moves. Each test gets its own.
 */
final class FlowFixture {
    /** The Secret {@link #managed} names for the vendor's credentials. */
    static final String VENDOR_CREDENTIALS = "vendor-creds";

    final MutableClock clock = new MutableClock();
    final RecordingEvents events = new RecordingEvents();
    final FakeCluster cluster = new FakeCluster();
    final FakeProvider vendor = new FakeProvider();
    final FakeCredentialsHold credentials = new FakeCredentialsHold();
    final FakeEngines engines = new FakeEngines();
    final AdapterReports reports = new AdapterReports();
    final io.modeldeploy.operator.autoscale.ScaleBook scaleBook = new io.modeldeploy.operator.autoscale.ScaleBook();
    /** Ingresses of other deployments, in any namespace: what the Ingress informer holds besides the cluster's. */
    final List<Ingress> ingressesElsewhere = new ArrayList<>();
    /** The fake vendor alone: every other managed provider counts as not implemented. */
    final Providers providers = new Providers(List.of(vendor), Map.of());
    final DeploymentResolver resolver = new DeploymentResolver(providers);
    final StatusUpdates statusUpdates = new StatusUpdates(clock, events);
    /** Keys for the gateway: none published unless a test installs a gateway (before making its flow). */
    GatewayKeys gatewayKeys = GatewayKeys.none(cluster);

    /** What {@code modeldeploy.managed.credentials-recheck} is set to; the documented default unless a test sets it. */
    Duration credentialsRecheck = Duration.ofMinutes(5);

    final ManagedDeploymentGate gate = new ManagedDeploymentGate();

    ManagedFlow managedFlow() {
        return new ManagedFlow(providers, credentials, cluster, new ManagedLoraBases(), statusUpdates,
                () -> credentialsRecheck, gatewayKeys, gate);
    }

    /** The bases LoRA service flows asked to reconcile again, in order. */
    final List<String> wokenBases = new ArrayList<>();

    LoraServiceFlow loraServiceFlow() {
        return new LoraServiceFlow(new LoraServiceCatalog(resolver), reports, statusUpdates,
                base -> wokenBases.add(base.getNamespace().orElse("") + "/" + base.getName()));
    }

    InClusterFlow inClusterFlow(EngineConnector engines) {
        return inClusterFlow(engines, Fixtures.settings());
    }

    InClusterFlow inClusterFlow(EngineConnector engines, RenderSettings settings) {
        return new InClusterFlow(settings, engines, cluster, new LoraServiceCatalog(resolver),
                new LoadBackoff(clock), reports, this::ingressesRouting, statusUpdates, gatewayKeys, ConcurrentWrites.inline(), clock);
    }

    /** As the informer: every Ingress the operator made, here and elsewhere, that routes {@code host}. */
    private List<Ingress> ingressesRouting(String host, Context<ModelDeployment> context) {
        return java.util.stream.Stream.concat(cluster.live().stream().filter(Ingress.class::isInstance).map(Ingress.class::cast),
                ingressesElsewhere.stream()).filter(i -> HostClaim.routes(i, host)).toList();
    }

    InClusterFlow inClusterFlow() {
        return inClusterFlow(engines);
    }

    /** The reconciler over the flows above, as the operator builds it. */
    ModelDeploymentReconciler reconciler() {
        return new ModelDeploymentReconciler(resolver, flows(), credentials,
                reports, statusUpdates, gatewayKeys, new Autoscaled(scaleBook, clock), scaleBook,
                new DeploymentWakeups(), gate, cluster, new BatchedWakeups(java.time.Duration.ZERO), new OwnCreates());
    }

    /** The cleaner of deployments that hold the finalizer, over the same flows. */
    ModelDeploymentCleaner cleaner() {
        return new ModelDeploymentCleaner(resolver, flows());
    }

    private DeploymentFlows flows() {
        return new DeploymentFlows(inClusterFlow(), managedFlow(), loraServiceFlow());
    }

    /** {@code md}'s spec as the flows get it; fails the test when it does not resolve. */
    ResolvedDeployment resolved(ModelDeployment md) {
        return resolver.resolve(md).deployment().orElseThrow(() -> new AssertionError("invalid spec: "
                + resolver.resolve(md).errors()));
    }

    /** Runs {@code flow} on {@code md}, whose status then is what the API server would hold next. */
    UpdateControl<ModelDeployment> reconcile(DeploymentFlow flow, ModelDeployment md, Context<ModelDeployment> context) {
        return statusPatched(md, flow.reconcile(resolved(md), md, context));
    }

    /** Copies the status a reconcile patched onto {@code md}, as the API server would hold it next. */
    static UpdateControl<ModelDeployment> statusPatched(ModelDeployment md, UpdateControl<ModelDeployment> control) {
        control.getResource().map(ModelDeployment::getStatus).ifPresent(md::setStatus);
        return control;
    }

    /** When the reconcile asked to be run again; fails the test when it did not ask. */
    static Duration delay(UpdateControl<?> control) {
        return Duration.ofMillis(control.getScheduleDelay().orElseThrow(() -> new AssertionError("no recheck asked")));
    }

    /** "status reason" of the condition, "-" when there is none. */
    static String condition(ModelDeployment md, String type) {
        return Conditions.find(md.getStatus().getConditions(), type).map(c -> c.getStatus() + " " + c.getReason())
                .orElse("-");
    }

    /** The message of the condition; fails the test when there is none. */
    static String message(ModelDeployment md, String type) {
        return Conditions.find(md.getStatus().getConditions(), type).orElseThrow(() -> new AssertionError("no " + type))
                .getMessage();
    }

    /** What a cleanup decided, in one line: "remove finalizer", or "keep finalizer, again in PT2S". */
    static String outcome(DeleteControl control) {
        return control.isRemoveFinalizer() ? "remove finalizer"
                : "keep finalizer" + control.getScheduleDelay().map(ms -> ", again in " + Duration.ofMillis(ms)).orElse("");
    }

    /** {@code md} on the fake vendor, with the credentials of {@link #vendorCredentials()}. */
    static ModelDeployment managed(ModelDeployment md) {
        Target target = new Target();
        target.setProvider(Provider.AlayaNeW);
        LocalObjectReference ref = new LocalObjectReference();
        ref.setName(VENDOR_CREDENTIALS);
        target.setCredentialsSecretRef(ref);
        target.setOptions(Provider.AlayaNeW, Map.of("vksId", "vks-1"));
        md.getSpec().setTarget(target);
        return md;
    }

    /** The vendor's credentials, labelled as the operator requires. */
    static Secret vendorCredentials() {
        Secret secret = secret(VENDOR_CREDENTIALS, Map.of("accessKey", "ak", "secretKey", "sk"));
        secret.getMetadata().setLabels(Map.of(ManagedFlow.SECRET_TYPE_LABEL, ManagedFlow.CREDENTIALS_TYPE));
        return secret;
    }

    /** The vendor runs {@code md} as service {@code externalId}, and {@code md}'s status says so. */
    void runningAtVendor(ModelDeployment md, String externalId, int replicas) {
        vendor.put(externalId, VendorNames.of(DeploymentRef.of(md)), Phase.Running, replicas);
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        TargetStatus target = new TargetStatus();
        target.setExternalId(externalId);
        target.setAppliedSpec(resolved(md).specDigest().orElseThrow());
        status.setTarget(target);
        status.setPhase(Phase.Running);
        md.setStatus(status);
    }

    /**
     * The base {@code name} of LoRA services: vLLM with LoRA enabled ({@code spec.adapters: []}), in {@code phase},
     * with one ready instance {@code <name>-a} whose engine holds {@code held}.
     */
    static ModelDeployment loraBase(String name, Phase phase, String... held) {
        ModelDeployment base = Fixtures.vllmQuickStart();
        base.getMetadata().setName(name);
        base.getMetadata().setUid(name + "-uid");
        base.getSpec().setAdapters(List.of());
        InstanceStatus instance = new InstanceStatus();
        instance.setInstanceId(name + "-a");
        instance.setReady(true);
        instance.setLoraModels(List.of(held));
        ModelDeploymentStatus status = new ModelDeploymentStatus();
        status.setPhase(phase);
        status.setServiceUrl("http://" + name + "." + Fixtures.NAMESPACE + ".svc:8000/v1");
        status.setInstances(List.of(instance));
        base.setStatus(status);
        return base;
    }

    static Secret secret(String name, Map<String, String> values) {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(Fixtures.NAMESPACE).endMetadata()
                .withData(data).build();
    }
}
