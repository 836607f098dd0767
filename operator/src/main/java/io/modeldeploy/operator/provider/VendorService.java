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
 * @param instances    per-instance readiness (and Alaya's loaded LoRA models), when the vendor reports them
 */
public record VendorService(String externalId, String vendorStatus, VendorState state, Optional<String> serviceUrl,
                            Optional<String> apiKey, Optional<Integer> replicas, List<InstanceStatus> instances) {

    @Override
    public String toString() {
        return "VendorService[" + externalId + ", " + vendorStatus + ", " + state + ", apiKey redacted]";
    }
}
