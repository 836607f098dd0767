package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.TargetStatus;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.provider.VendorService;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status of a deployment on a managed platform, from what the vendor reported (pure). The API key
 * the vendor issued is not here: it goes to the Secret, and status names the Secret.
 */
public final class ManagedStatus {
    private ManagedStatus() {
    }

    /**
     * @param previous      the status before, for the phase an unknown vendor value keeps and the time of
     *                      the last vendor change
     * @param now           RFC 3339, written as lastSyncTime only when the vendor's status value changed
     * @param notSupported  a lifecycle request (stop, start, scale) the vendor publishes no call for
     */
    public static ModelDeploymentStatus compute(ResolvedDeployment d, Optional<ModelDeploymentStatus> previous,
                                                VendorService service, Optional<String> notSupported, String now) {
        Long generation = d.ref().generation();
        ModelDeploymentStatus status = Statuses.base(d);
        status.setServiceId(service.externalId());
        status.setServiceUrl(service.serviceUrl().map(ManagedStatus::openAiBase).orElse(null));
        status.setGpu(null);
        // A vendor that issues a key per service fills the operator's Secret. The others take account-level inference
        // keys: the user's own Secret in spec.apiKey holds one, and clients (the gateway too) use it; without one there
        // is no key to name.
        status.setApiKeySecret(service.apiKey().isPresent() || !d.apiKey().operatorOwned()
                ? status.getApiKeySecret() : null);
        if (!service.servedNames().isEmpty()) {
            status.setServedNames(service.servedNames());
        }

        Optional<TargetStatus> before = previous.map(ModelDeploymentStatus::getTarget);
        TargetStatus target = new TargetStatus();
        target.setProvider(d.provider());
        target.setExternalId(service.externalId());
        target.setVendorStatus(service.vendorStatus());
        boolean vendorChanged = before.map(t -> !java.util.Objects.equals(t.getVendorStatus(), service.vendorStatus()))
                .orElse(true);
        target.setLastSyncTime(vendorChanged ? now : before.map(TargetStatus::getLastSyncTime).orElse(now));
        // What the service was created from stays until it is re-created; a status from before this field adopts now.
        target.setAppliedSpec(before.map(TargetStatus::getAppliedSpec)
                .filter(a -> before.map(TargetStatus::getExternalId).filter(service.externalId()::equals).isPresent())
                .orElseGet(() -> d.specDigest().orElseThrow()));
        // Once sent, a create stays on record: the deletion must then ask the vendor.
        target.setCreateSentTime(before.map(TargetStatus::getCreateSentTime).orElse(null));
        status.setTarget(target);

        Phase previousPhase = previous.map(ModelDeploymentStatus::getPhase).orElse(Phase.Pending);
        Phase phase = service.state().phase().orElse(previousPhase);
        status.setPhase(phase);
        List<io.modeldeploy.operator.api.v1alpha1.InstanceStatus> instances = service.instances();
        status.setInstances(instances.isEmpty() ? null : instances);
        int ready = (int) instances.stream().filter(i -> Boolean.TRUE.equals(i.getReady())).count();
        int replicas = service.replicas().orElse(instances.size());
        status.setReplicas(replicas);
        status.setReadyReplicas(instances.isEmpty() ? (phase == Phase.Running ? replicas : 0) : ready);
        status.setReady(status.getReadyReplicas() + "/" + d.desiredReplicas());

        String vendor = d.provider() + " reports '" + service.vendorStatus() + "'";
        List<Condition> conditions = new ArrayList<>();
        conditions.add(phase == Phase.Running
                ? Conditions.of(Conditions.READY, true, "VendorServing", vendor, generation)
                : Conditions.of(Conditions.READY, false, phase == Phase.Failed ? "VendorFailed" : "Vendor" + phase, vendor,
                generation));
        boolean settled = (phase == Phase.Running || phase == Phase.Stopped) && service.state().detail().isEmpty();
        conditions.add(Conditions.of(Conditions.PROGRESSING, !settled,
                settled ? "Complete" : service.state().detail().isPresent() ? "VendorUpdating" : "VendorDeploying",
                service.state().detail().orElse(vendor), generation));
        conditions.add(phase == Phase.Failed
                ? Conditions.of(Conditions.DEGRADED, true, "VendorFailed", vendor, generation)
                : Conditions.of(Conditions.DEGRADED, false, "AsExpected", vendor, generation));
        if (service.state().phase().isEmpty()) {
            conditions.add(Conditions.of("UnknownVendorStatus", true, "UnknownVendorStatus",
                    vendor + ", a value this operator does not know; the phase stays " + phase, generation));
        }
        notSupported.ifPresent(what -> conditions.add(Conditions.of("OperationNotSupported", true, "OperationNotSupported",
                what, generation)));
        status.setConditions(conditions);
        return status;
    }

    /** Not on the vendor yet, or no answer: Pending (or the phase so far) with the reason. */
    public static ModelDeploymentStatus waiting(ResolvedDeployment d, Optional<ModelDeploymentStatus> previous, String reason,
                                                String message, boolean degraded) {
        Long generation = d.ref().generation();
        ModelDeploymentStatus status = previous.map(ManagedStatus::copyOf).orElseGet(() -> Statuses.base(d));
        if (status.getPhase() == null || previous.isEmpty()) {
            status.setPhase(Phase.Pending);
            status.setServiceUrl(null);
            status.setGpu(null);
        }
        status.setObservedGeneration(generation);
        // The status kept from before may carry an older decision of the scaler: the one in force is d's.
        status.setAutoscaling(d.scale().map(Statuses::autoscaling).orElse(null));
        status.setConditions(new ArrayList<>(List.of(
                Conditions.of(Conditions.READY, false, reason, message, generation),
                Conditions.of(Conditions.PROGRESSING, true, reason, message, generation),
                degraded ? Conditions.of(Conditions.DEGRADED, true, reason, message, generation)
                        : Conditions.of(Conditions.DEGRADED, false, "AsExpected", message, generation))));
        return status;
    }

    /**
     * The OpenAI base URL clients use: the vendor's URL plus {@code /v1}, unless the vendor already gives a versioned
     * base (such as {@code https://vendor.example/v2}).
     */
    static String openAiBase(String vendorUrl) {
        String url = vendorUrl.replaceAll("/+$", "");
        return url.matches(".*/v[0-9]+") ? url : url + "/v1";
    }

    private static ModelDeploymentStatus copyOf(ModelDeploymentStatus s) {
        return io.fabric8.kubernetes.client.utils.Serialization.clone(s);
    }
}
