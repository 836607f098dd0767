package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.api.v1alpha1.DeletionPolicy;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.api.v1alpha1.Target;
import io.modeldeploy.operator.events.EventRecorder;
import io.modeldeploy.operator.provider.AppliedSpec;
import io.modeldeploy.operator.provider.ManagedProvider;
import io.modeldeploy.operator.provider.Providers;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorCredentials;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorNames;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.render.ApiKeySecretRenderer;
import io.modeldeploy.operator.render.ModelDeployments;
import io.modeldeploy.operator.status.ManagedStatus;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Deployments on managed platforms: the vendor's API is the workload. Look up (by deterministic name)
 * before creating, write the vendor's id to status at once, poll with backoff, apply replicas and
 * stopped through the calls the vendor publishes (and say so where it publishes none), and delete the
 * vendor service behind a finalizer.
 */
final class ManagedTargets {
    private static final Logger LOG = Logger.getLogger(ManagedTargets.class);
    static final Duration POLL_BUSY = Duration.ofSeconds(10);
    static final Duration POLL_SETTLED = Duration.ofSeconds(60);
    static final Duration CREDENTIALS_RETRY = Duration.ofMinutes(5);
    static final Duration REFUSED_RETRY = Duration.ofMinutes(5);

    private final Providers providers;
    private final CredentialsGuard credentialsGuard;
    private final Backoff backoff = new Backoff();

    ManagedTargets(Providers providers, CredentialsGuard credentialsGuard) {
        this.providers = providers;
        this.credentialsGuard = credentialsGuard;
    }

    boolean supports(Provider provider) {
        return providers.of(provider).isPresent();
    }

    UpdateControl<ModelDeployment> reconcile(ModelDeployment md, Context<ModelDeployment> context, EventRecorder events) {
        Optional<ModelDeploymentStatus> previous = Optional.ofNullable(md.getStatus());
        ManagedProvider provider = providers.of(ModelDeployments.provider(md)).orElseThrow();
        try {
            VendorCall call = call(md, context);
            String externalId = previous.map(ModelDeploymentStatus::getTarget).map(t -> t.getExternalId()).orElse(null);
            if (externalId == null) {
                // Lookup first: a create whose answer never reached status (crash, lost write) is found, not repeated.
                VendorService created = provider.findByName(call).orElse(null);
                Optional<String> baseNotReady = ManagedLoraBases.notReady(md, context);
                if (created == null && baseNotReady.isPresent()) {
                    return StatusUpdates.toControl(md, ManagedStatus.waiting(md, previous, "BaseNotReady",
                            baseNotReady.get(), false), events).rescheduleAfter(POLL_BUSY);
                }
                if (created == null) {
                    LOG.infof("creating %s service %s for %s/%s", ModelDeployments.provider(md), call.vendorName(),
                            md.getMetadata().getNamespace(), md.getMetadata().getName());
                    created = provider.create(call);
                    events.normal(md, "VendorServiceCreated", ModelDeployments.provider(md) + " service "
                            + created.externalId() + " created as " + call.vendorName());
                }
                backoff.reset(md);
                // The id goes to status before anything else can fail.
                return StatusUpdates.toControl(md, withBase(ManagedStatus.compute(md, previous, created, Optional.empty(),
                        now()), call), events).rescheduleAfter(Duration.ofSeconds(2));
            }
            Optional<VendorService> current = provider.get(call, externalId);
            if (current.isEmpty()) {
                events.warning(md, "VendorServiceGone", ModelDeployments.provider(md) + " service " + externalId
                        + " no longer exists; creating it again");
                ModelDeploymentStatus gone = ManagedStatus.waiting(md, previous, "VendorServiceGone",
                        "the vendor service " + externalId + " disappeared; it will be created again", true);
                gone.getTarget().setExternalId(null);
                return StatusUpdates.toControl(md, gone, events).rescheduleAfter(Duration.ofSeconds(2));
            }
            VendorService service = current.get();
            Lifecycle lifecycle = applyLifecycle(md, provider, call, service, events);
            Optional<String> notSupported = join(lifecycle.notSupported(), specDrift(md, events));
            storeVendorKey(md, service, context);
            backoff.reset(md);
            ModelDeploymentStatus status = withBase(ManagedStatus.compute(md, previous, service, notSupported,
                    now()), call);
            boolean settled = (status.getPhase() == Phase.Running || status.getPhase() == Phase.Stopped
                    || status.getPhase() == Phase.Failed) && service.state().detail().isEmpty() && !lifecycle.requested();
            return StatusUpdates.toControl(md, status, events).rescheduleAfter(settled ? POLL_SETTLED : POLL_BUSY);
        } catch (VendorException e) {
            return failed(md, previous, e, events);
        }
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
    private Lifecycle applyLifecycle(ModelDeployment md, ManagedProvider provider, VendorCall call,
                                     VendorService service, EventRecorder events) throws VendorException {
        ManagedProvider.Capabilities can = provider.capabilities();
        boolean wantStopped = ModelDeployments.stopped(md);
        Phase phase = service.state().phase().orElse(null);
        if (wantStopped && phase != Phase.Stopped && phase != Phase.Stopping) {
            if (!can.stopStart()) {
                return Lifecycle.refused(unsupported(md, "spec.stopped: " + ModelDeployments.provider(md)
                        + " publishes no stop call; the service keeps running", events));
            }
            provider.stop(call, service.externalId());
            events.normal(md, "VendorStopRequested", "asked " + ModelDeployments.provider(md) + " to stop " + service.externalId());
            return Lifecycle.REQUESTED;
        }
        if (!wantStopped && phase == Phase.Stopped) {
            if (!can.stopStart()) {
                return Lifecycle.refused(unsupported(md, "the service is stopped and " + ModelDeployments.provider(md)
                        + " publishes no start call", events));
            }
            provider.start(call, service.externalId());
            events.normal(md, "VendorStartRequested", "asked " + ModelDeployments.provider(md) + " to start " + service.externalId());
            return Lifecycle.REQUESTED;
        }
        int desired = md.getSpec().getReplicas() == null ? 1 : md.getSpec().getReplicas();
        if (!wantStopped && phase == Phase.Running && service.replicas().isPresent() && service.replicas().get() != desired) {
            if (!can.scale()) {
                return Lifecycle.refused(unsupported(md, "spec.replicas " + desired + ": " + ModelDeployments.provider(md)
                        + " publishes no scale call; it runs " + service.replicas().get(), events));
            }
            provider.scale(call, service.externalId(), desired);
            events.normal(md, "VendorScaleRequested", "asked " + ModelDeployments.provider(md) + " to scale "
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
     * running service's model, engine or resources in place (Alaya's offline update needs a stopped service,
     * and Alaya publishes no stop), so it is reported, never silently ignored.
     */
    private Optional<String> specDrift(ModelDeployment md, EventRecorder events) {
        String applied = Optional.ofNullable(md.getStatus()).map(ModelDeploymentStatus::getTarget)
                .map(t -> t.getAppliedSpec()).orElse(null);
        if (applied == null || applied.equals(AppliedSpec.digest(md))) {
            return Optional.empty();
        }
        String vendor = String.valueOf(ModelDeployments.provider(md));
        return unsupported(md, "spec changed after the " + vendor + " service was created, and " + vendor
                + " publishes no call that applies it to a running service; delete and re-create the ModelDeployment"
                + " to apply it", events);
    }

    private static Optional<String> join(Optional<String> a, Optional<String> b) {
        return a.isPresent() && b.isPresent() ? Optional.of(a.get() + "; " + b.get()) : a.or(() -> b);
    }

    private Optional<String> unsupported(ModelDeployment md, String message, EventRecorder events) {
        boolean alreadySaid = md.getStatus() != null && md.getStatus().getConditions() != null && md.getStatus().getConditions()
                .stream().anyMatch(c -> "OperationNotSupported".equals(c.getType()) && c.getMessage() != null && c.getMessage().contains(message));
        if (!alreadySaid) {
            events.warning(md, "OperationNotSupported", message);
        }
        return Optional.of(message);
    }

    /** A key the vendor issued for the service goes to the {@code <name>-api-key} Secret, never to status. */
    private void storeVendorKey(ModelDeployment md, VendorService service, Context<ModelDeployment> context) {
        if (service.apiKey().isEmpty() || !ModelDeployments.operatorOwnsApiKey(md)) {
            return;
        }
        String name = ModelDeployments.apiKeySecretName(md);
        Secret live = context.getSecondaryResources(Secret.class).stream()
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElse(null);
        String current = live == null || live.getData() == null || live.getData().get("apiKey") == null ? null
                : new String(Base64.getDecoder().decode(live.getData().get("apiKey")), StandardCharsets.UTF_8);
        if (!service.apiKey().get().equals(current)) {
            context.getClient().resource(ApiKeySecretRenderer.render(md, service.apiKey().get()))
                    .fieldManager(ModelDeploymentReconciler.FIELD_MANAGER).forceConflicts().serverSideApply();
        }
    }

    private UpdateControl<ModelDeployment> failed(ModelDeployment md, Optional<ModelDeploymentStatus> previous,
                                                  VendorException e, EventRecorder events) {
        String vendor = String.valueOf(ModelDeployments.provider(md));
        return switch (e.kind()) {
            case CREDENTIALS -> {
                events.warning(md, "CredentialsInvalid", vendor + ": " + e.getMessage());
                yield StatusUpdates.toControl(md, ManagedStatus.waiting(md, previous, "CredentialsInvalid",
                        vendor + ": " + e.getMessage(), true), events).rescheduleAfter(CREDENTIALS_RETRY);
            }
            case RATE_LIMITED -> StatusUpdates.toControl(md, ManagedStatus.waiting(md, previous, "VendorRateLimited",
                    vendor + ": " + e.getMessage(), false), events)
                    .rescheduleAfter(e.retryAfter().orElse(POLL_SETTLED));
            case TRANSIENT -> StatusUpdates.toControl(md, ManagedStatus.waiting(md, previous, "VendorUnavailable",
                    vendor + ": " + e.getMessage(), false), events).rescheduleAfter(backoff.next(md));
            case REFUSED, UNSUPPORTED -> {
                events.warning(md, "VendorRefused", vendor + ": " + e.getMessage());
                ModelDeploymentStatus status = ManagedStatus.waiting(md, previous, "VendorRefused",
                        vendor + ": " + e.getMessage(), true);
                if (previous.map(ModelDeploymentStatus::getTarget).map(t -> t.getExternalId()).isEmpty()) {
                    status.setPhase(Phase.Failed);
                }
                yield StatusUpdates.toControl(md, status, events).rescheduleAfter(REFUSED_RETRY);
            }
        };
    }

    DeleteControl cleanup(ModelDeployment md, Context<ModelDeployment> context, EventRecorder events) {
        // A repeated cleanup of a finished deployment must not need the credentials it may have let go.
        DeleteControl control = credentialsGuard.finished(md) ? DeleteControl.defaultDelete()
                : cleanupVendorService(md, context, events);
        if (control.isRemoveFinalizer()) {
            credentialsGuard.release(context.getClient(), md);
        }
        return control;
    }

    private DeleteControl cleanupVendorService(ModelDeployment md, Context<ModelDeployment> context, EventRecorder events) {
        Target target = md.getSpec().getTarget();
        if (target.getDeletionPolicy() == DeletionPolicy.Retain) {
            events.normal(md, "VendorServiceRetained", "deletionPolicy Retain: the " + target.getProvider()
                    + " service stays");
            return DeleteControl.defaultDelete();
        }
        ManagedProvider provider = providers.of(target.getProvider()).orElse(null);
        if (provider == null) {
            return DeleteControl.defaultDelete();
        }
        try {
            VendorCall call = call(md, context);
            String externalId = Optional.ofNullable(md.getStatus()).map(ModelDeploymentStatus::getTarget)
                    .map(t -> t.getExternalId()).orElse(null);
            if (externalId == null) {
                externalId = provider.findByName(call).map(VendorService::externalId).orElse(null);
            }
            if (externalId == null || provider.delete(call, externalId)) {
                return DeleteControl.defaultDelete();
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(POLL_BUSY.toMillis());
        } catch (VendorException e) {
            events.warning(md, "VendorDeleteFailed", target.getProvider() + ": " + e.getMessage());
            Duration wait = e.retryAfter().orElse(e.kind() == VendorException.Kind.CREDENTIALS ? CREDENTIALS_RETRY : backoff.next(md));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(wait.toMillis());
        }
    }

    private VendorCall call(ModelDeployment md, Context<ModelDeployment> context) throws VendorException {
        Target target = md.getSpec().getTarget();
        URI endpoint = providers.endpointFor(target.getProvider(), target.getEndpoint())
                .orElseThrow(() -> VendorException.refused("spec.target.endpoint is required for " + target.getProvider()));
        return new VendorCall(md, VendorNames.of(md), endpoint, credentials(md, context), options(target),
                ManagedLoraBases.serviceId(md, context).orElse(null));
    }

    private VendorCredentials credentials(ModelDeployment md, Context<ModelDeployment> context) throws VendorException {
        var ref = md.getSpec().getTarget().getCredentialsSecretRef();
        if (ref == null || ref.getName() == null) {
            throw VendorException.credentials("spec.target.credentialsSecretRef is not set");
        }
        Secret secret = context.getClient().secrets().inNamespace(md.getMetadata().getNamespace()).withName(ref.getName()).get();
        if (secret == null) {
            throw VendorException.credentials("Secret " + ref.getName() + " does not exist");
        }
        credentialsGuard.hold(context.getClient(), secret);
        Map<String, String> values = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        return new VendorCredentials(values);
    }

    private static Map<String, Object> options(Target target) {
        Map<String, Object> options = switch (target.getProvider()) {
            case AlayaNeW -> target.getAlayaNew();
            case ZStack -> target.getZstack();
            case Qianfan -> target.getQianfan();
            case DRun -> target.getDRun();
            case InCluster -> null;
        };
        return options == null ? Map.of() : options;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Per resource: 10 s doubling to 5 min while the vendor does not answer; reset by any answer. */
    private static final class Backoff {
        private final Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();

        Duration next(ModelDeployment md) {
            int n = failures.merge(md.getMetadata().getUid(), 1, Integer::sum);
            long seconds = Math.min(300, 10L << Math.min(n - 1, 5));
            return Duration.ofSeconds(seconds);
        }

        void reset(ModelDeployment md) {
            failures.remove(md.getMetadata().getUid());
        }
    }
}
