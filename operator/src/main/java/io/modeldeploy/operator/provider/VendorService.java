package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;

import java.util.List;
import java.util.Optional;

/**
 * A vendor service as the provider read it, already mapped onto the common phases.
 *
 * @param vendorStatus the vendor's own status value, verbatim
 * @param state        that value mapped (vendors.md section 5)
 * @param apiKey       a key the vendor issued for this service, for the {@code <name>-api-key} Secret
 * @param replicas     replicas the vendor reports, when it does
 * @param instances    per-instance readiness (and loaded LoRA models), when the vendor reports them
 * @param servedNames  what clients send as {@code model}, when the vendor names it itself; empty: the names of
 *                     the spec
 */
public record VendorService(String externalId, String vendorStatus, VendorState state, Optional<String> serviceUrl,
                            Optional<String> apiKey, Optional<Integer> replicas, List<InstanceStatus> instances,
                            List<String> servedNames) {

    /** A service served under the names the spec gives. */
    public VendorService(String externalId, String vendorStatus, VendorState state, Optional<String> serviceUrl,
                         Optional<String> apiKey, Optional<Integer> replicas, List<InstanceStatus> instances) {
        this(externalId, vendorStatus, state, serviceUrl, apiKey, replicas, instances, List.of());
    }

    @Override
    public String toString() {
        return "VendorService[" + externalId + ", " + vendorStatus + ", " + state + ", apiKey redacted]";
    }
}
