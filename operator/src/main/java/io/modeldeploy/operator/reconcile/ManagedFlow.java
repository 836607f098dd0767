package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.api.v1alpha1.DeletionPolicy;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.TargetStatus;
import io.modeldeploy.operator.config.OperatorConfig;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.Placement;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.events.Events;
import io.modeldeploy.operator.provider.EndpointRefused;
import io.modeldeploy.operator.provider.ManagedProvider;
import io.modeldeploy.operator.provider.Providers;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorCredentials;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorNames;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.render.ApiKeySecretRenderer;
import io.modeldeploy.operator.retry.Backoff;
import io.modeldeploy.operator.status.ManagedStatus;
import io.modeldeploy.operator.status.Statuses;
import io.modeldeploy.operator.validate.DeploymentResolver;
import io.modeldeploy.operator.validate.SpecError;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployments on managed platforms: the vendor's API is the workload. Look up (by deterministic name)
 * before creating, write the vendor's id to status at once, poll with backoff, apply replicas and
 * stopped through the calls the vendor publishes (and say so where it publishes none), and delete the
 * vendor service behind a finalizer.
 */
@Singleton
final class ManagedFlow implements DeploymentFlow {
    private static final Logger LOG = Logger.getLogger(ManagedFlow.class);
    static final Duration POLL_BUSY = Duration.ofSeconds(10);
    static final Duration POLL_SETTLED = Duration.ofSeconds(60);
    static final Duration REFUSED_RETRY = Duration.ofMinutes(5);
    /**
     * How often a deletion that waits for the user (a wrong endpoint, revoked credentials) looks again. Its namespace
     * may be waiting too: the skip annotation must act within a minute even when no event wakes the deletion (an
     * annotation's event was once seen to be missed in the full integration suite), at the price of one failing
     * vendor call per half minute while a deletion is stuck.
     */
    static final Duration DELETION_RECHECK = Duration.ofSeconds(30);
    /** Someone else's object is not watched: looked at again in a while. */
    static final Duration CONFLICT_RECHECK = Duration.ofSeconds(30);
    /** The create follows its record in status at once. */
    static final Duration CREATE_RECORDED = Duration.ofMillis(500);
    /** Set to "true" on a managed deployment, its deletion no longer waits for the vendor. */
    static final String SKIP_VENDOR_CLEANUP = "modeldeploy.io/skip-vendor-cleanup";
    /** Only Secrets with this label and value are read as vendor credentials. */
    static final String SECRET_TYPE_LABEL = "modeldeploy.io/secret-type";
    static final String CREDENTIALS_TYPE = "vendor-credentials";
    private static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";

    /**
     * At most a minute apart: a vendor back from an outage is noticed within a minute (five minutes left deployments
     * idle long after a two-minute outage, make chaos), at one call a minute per deployment while it is down.
     */
    private static final Backoff UNANSWERED = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(1));

    private final Providers providers;
    private final CredentialsHold credentialsGuard;
    private final ClusterWriter cluster;
    private final ManagedLoraBases loraBases;
    private final StatusUpdates statusUpdates;
    private final GatewayKeys gatewayKeys;
    private final ManagedDeploymentGate gate;
    private final ApiKeys apiKeys;
    private final Events events;
    /** Missing, refused or not allowed credentials: tried again after this ({@link OperatorConfig.Managed}). */
    private final Duration credentialsRecheck;
    /** Per resource uid, while the vendor does not answer; reset by any answer. */
    private final Backoff.Counter<String> backoff = UNANSWERED.counter();

    ManagedFlow(Providers providers, CredentialsHold credentialsGuard, ClusterWriter cluster, ManagedLoraBases loraBases,
                StatusUpdates statusUpdates, OperatorConfig.Managed settings, GatewayKeys gatewayKeys,
                ManagedDeploymentGate gate) {
        this.providers = providers;
        this.gate = gate;
        this.credentialsRecheck = settings.credentialsRecheck();
        this.credentialsGuard = credentialsGuard;
        this.cluster = cluster;
        this.loraBases = loraBases;
        this.statusUpdates = statusUpdates;
        this.events = statusUpdates.events();
        this.gatewayKeys = gatewayKeys;
        this.apiKeys = new ApiKeys(cluster);
    }

    @Override
    public UpdateControl<ModelDeployment> reconcile(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context) {
        return gate.reconcile(d.ref().uid(), () -> converge(d, md, context), UpdateControl::noUpdate);
    }

    private UpdateControl<ModelDeployment> converge(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context) {
        Optional<ModelDeploymentStatus> previous = Optional.ofNullable(md.getStatus());
        Optional<ManagedProvider> implemented = providers.of(d.provider());
        if (implemented.isEmpty()) {
            return statusUpdates.toControl(md, Statuses.failed(d.ref(), Optional.of(d.mode()), "ProviderNotSupported",
                    List.of(new SpecError("spec.target.provider", d.provider() + " is not supported by this operator version"))));
        }
        ManagedProvider provider = implemented.get();
        try {
            VendorCall call = call(d, md, Optional.of(d), context);
            String externalId = externalIdOf(md).orElse(null);
            if (externalId == null) {
                // Lookup first: a create whose answer never reached status (crash, lost write) is found, not repeated.
                VendorService created = provider.findByName(call).orElse(null);
                Optional<String> baseNotReady = loraBases.notReady(d, context);
                if (created == null && baseNotReady.isPresent()) {
                    return statusUpdates.toControl(md, ManagedStatus.waiting(d, previous, "BaseNotReady",
                            baseNotReady.get(), false)).rescheduleAfter(POLL_BUSY);
                }
                if (created == null && !createSent(md)) {
                    backoff.reset(d.ref().uid());
                    // On record before the call goes out: a deployment without it is deleted with no vendor call.
                    return statusUpdates.toControl(md, createSending(d, previous, call)).rescheduleAfter(CREATE_RECORDED);
                }
                if (created == null) {
                    LOG.infof("creating %s service %s for %s/%s", d.provider(), call.vendorName(), d.namespace(), d.name());
                    created = provider.create(call);
                    events.normal(md, "VendorServiceCreated", d.provider() + " service "
                            + created.externalId() + " created as " + call.vendorName());
                }
                backoff.reset(d.ref().uid());
                // The id goes to status before anything else can fail.
                return statusUpdates.toControl(md, withBase(ManagedStatus.compute(d, previous, created, Optional.empty(),
                        now()), call)).rescheduleAfter(Duration.ofSeconds(2));
            }
            Optional<VendorService> current = provider.get(call, externalId);
            if (current.isEmpty()) {
                // A 404 for the service may also be an endpoint edited into a wrong one: the vendor's own list call
                // tells them apart (EndpointInvalid) before the service is forgotten and created again.
                current = provider.findByName(call).filter(found -> found.externalId().equals(externalId));
            }
            if (current.isEmpty()) {
                events.warning(md, "VendorServiceGone", d.provider() + " service " + externalId
                        + " no longer exists; creating it again");
                ModelDeploymentStatus gone = ManagedStatus.waiting(d, previous, "VendorServiceGone",
                        "the vendor service " + externalId + " disappeared; it will be created again", true);
                gone.getTarget().setExternalId(null);
                // It was created once (by this operator, perhaps before the record existed): the record stays.
                gone.getTarget().setCreateSentTime(Optional.ofNullable(gone.getTarget().getCreateSentTime()).orElseGet(this::now));
                return statusUpdates.toControl(md, gone).rescheduleAfter(Duration.ofSeconds(2));
            }
            VendorService service = current.get();
            Lifecycle lifecycle = applyLifecycle(d, md, provider, call, service);
            Optional<String> notSupported = join(lifecycle.notSupported(), specDrift(d, md));
            try {
                storeVendorKey(d, service, context);
            } catch (ResourceConflict e) {
                // Someone else's Secret has the key Secret's name: it is never taken over (tenancy.md).
                return statusUpdates.toControl(md, ManagedStatus.waiting(d, previous, "ResourceConflict", e.getMessage(),
                        true)).rescheduleAfter(CONFLICT_RECHECK);
            }
            backoff.reset(d.ref().uid());
            ModelDeploymentStatus status = withBase(ManagedStatus.compute(d, previous, service, notSupported,
                    now()), call);
            boolean settled = (status.getPhase() == Phase.Running || status.getPhase() == Phase.Stopped
                    || status.getPhase() == Phase.Failed) && service.state().detail().isEmpty() && !lifecycle.requested();
            return statusUpdates.toControl(md, status).rescheduleAfter(settled ? POLL_SETTLED : POLL_BUSY);
        } catch (VendorException e) {
            return failed(d, md, previous, e);
        }
    }

    /** Pending while the create is put on record; the call itself follows in the next reconcile. */
    private ModelDeploymentStatus createSending(ResolvedDeployment d, Optional<ModelDeploymentStatus> previous,
                                                VendorCall call) {
        ModelDeploymentStatus status = ManagedStatus.waiting(d, previous, "VendorCreating", "creating the "
                + d.provider() + " service " + call.vendorName(), false);
        TargetStatus target = status.getTarget() == null ? new TargetStatus() : status.getTarget();
        target.setProvider(d.provider());
        target.setCreateSentTime(now());
        status.setTarget(target);
        return status;
    }

    /** Whether a create call may have gone to the vendor for this deployment (see {@link #createSending}). */
    static boolean createSent(ModelDeployment md) {
        return Optional.ofNullable(md.getStatus()).map(ModelDeploymentStatus::getTarget)
                .map(t -> t.getCreateSentTime() != null || t.getExternalId() != null).orElse(false);
    }

    /** A LoRA service names its base's vendor service, as in-cluster LoRA services name their base. */
    private static ModelDeploymentStatus withBase(ModelDeploymentStatus status, VendorCall call) {
        status.setBaseServiceId(call.baseServiceId());
        return status;
    }

    /**
     * Brings the vendor's replicas and stopped state to the spec through the calls the vendor has.
     *
     * @return whether the vendor was asked to change (what it reported predates that: look again soon), and
     *         what was asked but cannot be done on this vendor, for a condition
     */
    private Lifecycle applyLifecycle(ResolvedDeployment d, ModelDeployment md, ManagedProvider provider, VendorCall call,
                                     VendorService service) throws VendorException {
        ManagedProvider.Capabilities can = provider.capabilities();
        boolean wantStopped = d.stopped();
        Phase phase = service.state().phase().orElse(null);
        if (wantStopped && phase != Phase.Stopped && phase != Phase.Stopping) {
            if (!can.stopStart()) {
                return Lifecycle.refused(unsupported(md, "spec.stopped: " + d.provider()
                        + " publishes no stop call; the service keeps running"));
            }
            provider.stop(call, service.externalId());
            events.normal(md, "VendorStopRequested", "asked " + d.provider() + " to stop " + service.externalId());
            return Lifecycle.REQUESTED;
        }
        if (!wantStopped && phase == Phase.Stopped) {
            if (!can.stopStart()) {
                return Lifecycle.refused(unsupported(md, "the service is stopped and " + d.provider()
                        + " publishes no start call"));
            }
            provider.start(call, service.externalId());
            events.normal(md, "VendorStartRequested", "asked " + d.provider() + " to start " + service.externalId());
            return Lifecycle.REQUESTED;
        }
        int desired = d.replicas();
        if (!wantStopped && phase == Phase.Running && service.replicas().isPresent() && service.replicas().get() != desired) {
            if (!can.scale()) {
                return Lifecycle.refused(unsupported(md, "spec.replicas " + desired + ": " + d.provider()
                        + " publishes no scale call; it runs " + service.replicas().get()));
            }
            provider.scale(call, service.externalId(), desired);
            events.normal(md, "VendorScaleRequested", "asked " + d.provider() + " to scale "
                    + service.externalId() + " to " + desired);
            return Lifecycle.REQUESTED;
        }
        return Lifecycle.NOTHING;
    }

    /** What applying replicas and stopped did. */
    private record Lifecycle(boolean requested, Optional<String> notSupported) {
        static final Lifecycle NOTHING = new Lifecycle(false, Optional.empty());
        static final Lifecycle REQUESTED = new Lifecycle(true, Optional.empty());

        static Lifecycle refused(Optional<String> notSupported) {
            return new Lifecycle(false, notSupported);
        }
    }

    /**
     * A spec change after creation other than replicas and stopped. No vendor publishes a call that changes a
     * running service's model, engine or resources in place (an offline update that needs a stopped service
     * is no help where the vendor publishes no stop), so it is reported, never silently ignored.
     */
    private Optional<String> specDrift(ResolvedDeployment d, ModelDeployment md) {
        String applied = Optional.ofNullable(md.getStatus()).map(ModelDeploymentStatus::getTarget)
                .map(t -> t.getAppliedSpec()).orElse(null);
        if (applied == null || d.specDigest().filter(applied::equals).isPresent()) {
            return Optional.empty();
        }
        String vendor = String.valueOf(d.provider());
        return unsupported(md, "spec changed after the " + vendor + " service was created, and " + vendor
                + " publishes no call that applies it to a running service; delete and re-create the ModelDeployment"
                + " to apply it");
    }

    private static Optional<String> join(Optional<String> a, Optional<String> b) {
        return a.isPresent() && b.isPresent() ? Optional.of(a.get() + "; " + b.get()) : a.or(() -> b);
    }

    private Optional<String> unsupported(ModelDeployment md, String message) {
        boolean alreadySaid = md.getStatus() != null && md.getStatus().getConditions() != null && md.getStatus().getConditions()
                .stream().anyMatch(c -> "OperationNotSupported".equals(c.getType()) && c.getMessage() != null && c.getMessage().contains(message));
        if (!alreadySaid) {
            events.warning(md, "OperationNotSupported", message);
        }
        return Optional.of(message);
    }

    /**
     * A key the vendor issued for the service goes to the {@code <name>-api-key} Secret, never to status. A vendor
     * without per-service keys (d.run, Qianfan) takes an account's inference key: the user's own Secret named in
     * spec.apiKey holds it, and it is published for the gateway, which checks clients against it and sends it on.
     */
    private void storeVendorKey(ResolvedDeployment d, VendorService service, Context<ModelDeployment> context) {
        if (service.apiKey().isEmpty()) {
            publishUsersKey(d);
            return;
        }
        if (!d.apiKey().operatorOwned()) {
            return;
        }
        String name = d.apiKey().secretName();
        String current = context.getSecondaryResources(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst()
                .map(s -> SecretValues.of(s).get(d.apiKey().key())).orElse(null);
        if (!service.apiKey().get().equals(current)) {
            cluster.applyOwned(ApiKeySecretRenderer.render(d, service.apiKey().get()));
        }
        gatewayKeys.publish(d, service.apiKey().get());
    }

    private void publishUsersKey(ResolvedDeployment d) {
        if (d.apiKey().operatorOwned() || !gatewayKeys.enabled()) {
            return;
        }
        try {
            // A user's Secret carries none of the operator's labels, so no informer holds it: read as the in-cluster
            // flow reads it. Managed deployments reconcile on the vendor's pace, not on every cluster event.
            gatewayKeys.publish(d, apiKeys.ensure(d, Optional.empty()).credential().value());
        } catch (ApiKeys.MissingKey e) {
            // Nothing to publish: the gateway refuses the deployment's clients until the Secret holds the key.
        }
    }

    private UpdateControl<ModelDeployment> failed(ResolvedDeployment d, ModelDeployment md,
                                                  Optional<ModelDeploymentStatus> previous, VendorException e) {
        String vendor = String.valueOf(d.provider());
        return switch (e.kind()) {
            case CREDENTIALS -> {
                events.warning(md, "CredentialsInvalid", vendor + ": " + e.getMessage());
                yield statusUpdates.toControl(md, ManagedStatus.waiting(d, previous, "CredentialsInvalid",
                        vendor + ": " + e.getMessage(), true)).rescheduleAfter(credentialsRecheck);
            }
            case CREDENTIALS_NOT_ALLOWED -> {
                events.warning(md, "CredentialsNotAllowed", e.getMessage());
                yield statusUpdates.toControl(md, ManagedStatus.waiting(d, previous, "CredentialsNotAllowed",
                        e.getMessage(), true)).rescheduleAfter(credentialsRecheck);
            }
            case RATE_LIMITED -> statusUpdates.toControl(md, ManagedStatus.waiting(d, previous, "VendorRateLimited",
                    vendor + ": " + e.getMessage(), false))
                    .rescheduleAfter(e.retryAfter().orElse(POLL_SETTLED));
            case TRANSIENT -> statusUpdates.toControl(md, ManagedStatus.waiting(d, previous, "VendorUnavailable",
                    vendor + ": " + e.getMessage(), false)).rescheduleAfter(backoff.failed(d.ref().uid()));
            case ENDPOINT_INVALID -> {
                // A wrong endpoint is the user's to fix, not an outage: said once, looked at again slowly.
                events.warning(md, "EndpointInvalid", vendor + ": " + e.getMessage());
                ModelDeploymentStatus status = ManagedStatus.waiting(d, previous, "EndpointInvalid",
                        vendor + ": " + e.getMessage(), true);
                if (externalIdOf(md).isEmpty()) {
                    status.setPhase(Phase.Failed);
                }
                yield statusUpdates.toControl(md, status).rescheduleAfter(REFUSED_RETRY);
            }
            case REFUSED, UNSUPPORTED -> {
                events.warning(md, "VendorRefused", vendor + ": " + e.getMessage());
                ModelDeploymentStatus status = ManagedStatus.waiting(d, previous, "VendorRefused",
                        vendor + ": " + e.getMessage(), true);
                if (externalIdOf(md).isEmpty()) {
                    status.setPhase(Phase.Failed);
                }
                yield statusUpdates.toControl(md, status).rescheduleAfter(REFUSED_RETRY);
            }
        };
    }

    @Override
    public DeleteControl cleanup(ResolvedDeployment d, ModelDeployment md, Context<ModelDeployment> context) {
        return cleanup(md, context);
    }

    /** Deletes the vendor's service; works from spec.target alone, so a spec that no longer resolves is deleted too. */
    DeleteControl cleanup(ModelDeployment md, Context<ModelDeployment> context) {
        return gate.cleanup(DeploymentRef.of(md).uid(), () -> {
            // A repeated cleanup of a finished deployment must not need the credentials it may have let go.
            DeleteControl control = credentialsGuard.finished(md) ? DeleteControl.defaultDelete()
                    : cleanupVendorService(md, context);
            if (control.isRemoveFinalizer()) {
                credentialsGuard.release(md);
            }
            return control;
        });
    }

    private DeleteControl cleanupVendorService(ModelDeployment md, Context<ModelDeployment> context) {
        Placement.Managed target = (Placement.Managed) DeploymentResolver.placementOf(md);
        if (target.deletionPolicy() == DeletionPolicy.Retain) {
            events.normal(md, "VendorServiceRetained", "deletionPolicy Retain: the " + target.provider()
                    + " service stays");
            return DeleteControl.defaultDelete();
        }
        if (!createSent(md)) {
            // Nothing can exist on the vendor: no credentials are read and no vendor is called, so a wrong endpoint
            // or missing credentials never hold the deletion (tenancy.md).
            events.normal(md, "VendorCleanupNotNeeded", "no " + target.provider() + " service was ever created for"
                    + " this deployment; nothing to delete there");
            return DeleteControl.defaultDelete();
        }
        if ("true".equals(md.getMetadata().getAnnotations() == null ? null
                : md.getMetadata().getAnnotations().get(SKIP_VENDOR_CLEANUP))) {
            // The way out when the vendor can never answer (a wrong endpoint, revoked credentials): the
            // namespace must not wait for it forever.
            String service = externalIdOf(md).map(id -> "service " + id).orElse("any service it may have created");
            LOG.infof("%s/%s: %s, leaving the %s %s behind", md.getMetadata().getNamespace(), md.getMetadata().getName(),
                    SKIP_VENDOR_CLEANUP, target.provider(), service);
            events.warning(md, "VendorCleanupSkipped", SKIP_VENDOR_CLEANUP + ": the " + target.provider() + " "
                    + service + " is left behind; delete it on the platform");
            return DeleteControl.defaultDelete();
        }
        ManagedProvider provider = providers.of(target.provider()).orElse(null);
        if (provider == null) {
            return DeleteControl.defaultDelete();
        }
        DeploymentRef ref = DeploymentRef.of(md);
        try {
            VendorCall call = call(md, target, Optional.empty(), context);
            // The vendor's own list call first, also when the id is known: behind a wrong endpoint the delete's 404
            // would read as "gone" and the service would be left behind unseen; this way it is EndpointInvalid.
            Optional<String> found = provider.findByName(call).map(VendorService::externalId);
            String externalId = externalIdOf(md).or(() -> found).orElse(null);
            if (externalId == null || provider.delete(call, externalId)) {
                return DeleteControl.defaultDelete();
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(POLL_BUSY.toMillis());
        } catch (VendorException e) {
            if (e.kind() == VendorException.Kind.CREDENTIALS_NOT_ALLOWED && externalIdOf(md).isEmpty()) {
                // No vendor call was ever made with credentials the operator may not read, and without them the
                // service cannot even be looked up: nothing to wait for.
                events.warning(md, "VendorCleanupSkipped", e.getMessage() + "; no " + target.provider()
                        + " service is known, so nothing is deleted there");
                return DeleteControl.defaultDelete();
            }
            events.warning(md, "VendorDeleteFailed", target.provider() + ": " + e.getMessage());
            // Also logged: in a namespace being deleted, Events can no longer be written.
            LOG.warnf("deleting the %s service of %s/%s failed (the finalizer stays; the annotation %s lets go): %s",
                    target.provider(), md.getMetadata().getNamespace(), md.getMetadata().getName(), SKIP_VENDOR_CLEANUP,
                    e.getMessage());
            // Credentials and the endpoint are the user's to fix (or the skip annotation's to bypass): a slow recheck.
            boolean usersToFix = e.kind() == VendorException.Kind.CREDENTIALS
                    || e.kind() == VendorException.Kind.ENDPOINT_INVALID;
            Duration wait = e.retryAfter().orElse(usersToFix ? DELETION_RECHECK : backoff.failed(ref.uid()));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.toMillis());
        }
    }

    private VendorCall call(ResolvedDeployment d, ModelDeployment md, Optional<ResolvedDeployment> resolved,
                            Context<ModelDeployment> context) throws VendorException {
        return call(md, (Placement.Managed) d.placement(), resolved, context);
    }

    private VendorCall call(ModelDeployment md, Placement.Managed target, Optional<ResolvedDeployment> resolved,
                            Context<ModelDeployment> context) throws VendorException {
        URI endpoint;
        try {
            endpoint = providers.apiBase(target.provider(), target.endpoint());
        } catch (EndpointRefused e) {
            // The resolver refused it already for a reconcile; a deletion meets it here, before any Secret is read.
            throw VendorException.endpointInvalid("spec.target.endpoint " + e.getMessage());
        }
        DeploymentRef ref = DeploymentRef.of(md);
        Optional<Phase> lastPhase = Optional.ofNullable(md.getStatus()).map(ModelDeploymentStatus::getPhase);
        String baseServiceId = resolved.flatMap(d -> loraBases.serviceId(d, context)).orElse(null);
        return new VendorCall(ref, target, resolved, lastPhase, VendorNames.of(ref), endpoint,
                credentials(md, target), baseServiceId);
    }

    private VendorCredentials credentials(ModelDeployment md, Placement.Managed target) throws VendorException {
        String name = target.credentialsSecret()
                .orElseThrow(() -> VendorException.credentials("spec.target.credentialsSecretRef is not set"));
        Secret secret = cluster.secret(md.getMetadata().getNamespace(), name)
                .orElseThrow(() -> VendorException.credentials("Secret " + name + " does not exist"));
        refuseUnlessMeantForTheOperator(secret);
        credentialsGuard.hold(secret);
        return new VendorCredentials(SecretValues.of(secret));
    }

    /**
     * The operator reads only Secrets labelled for it, and never a ServiceAccount token: otherwise a tenant could
     * send any Secret of the namespace to an endpoint of their choice (tenancy.md).
     */
    private static void refuseUnlessMeantForTheOperator(Secret secret) throws VendorException {
        String name = secret.getMetadata().getName();
        if (SERVICE_ACCOUNT_TOKEN.equals(secret.getType())) {
            throw VendorException.credentialsNotAllowed("Secret " + name + " is a ServiceAccount token, which is never"
                    + " used as vendor credentials");
        }
        Map<String, String> labels = secret.getMetadata().getLabels();
        if (labels == null || !CREDENTIALS_TYPE.equals(labels.get(SECRET_TYPE_LABEL))) {
            throw VendorException.credentialsNotAllowed("Secret " + name + " lacks the label " + SECRET_TYPE_LABEL + "="
                    + CREDENTIALS_TYPE + " that marks it as vendor credentials; nothing was read from it");
        }
    }

    /** The vendor's id for the service, as status last recorded it. */
    private static Optional<String> externalIdOf(ModelDeployment md) {
        return Optional.ofNullable(md.getStatus()).map(ModelDeploymentStatus::getTarget).map(t -> t.getExternalId());
    }

    private String now() {
        return statusUpdates.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
