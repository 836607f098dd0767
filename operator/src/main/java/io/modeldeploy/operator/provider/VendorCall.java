package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.Placement;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a provider needs for one call about one ModelDeployment.
 *
 * @param ref           which ModelDeployment
 * @param placement     its spec.target
 * @param resolved      its whole resolved spec; empty only for the calls a deletion makes (find, get, delete),
 *                      which must work even when the spec no longer resolves
 * @param lastPhase     the phase its status showed before this reconcile, if any
 * @param vendorName    the deterministic name the service has on the vendor (see {@link VendorNames})
 * @param endpoint      the vendor API's base URL (spec.target.endpoint or the provider's default)
 * @param credentials   from the Secret spec.target.credentialsSecretRef names
 * @param baseServiceId lora mode: the vendor id of the base's service (its status.target.externalId); null
 *                      otherwise, or while the base has none
 */
public record VendorCall(DeploymentRef ref, Placement.Managed placement, Optional<ResolvedDeployment> resolved,
                         Optional<Phase> lastPhase, String vendorName, URI endpoint, VendorCredentials credentials,
                         String baseServiceId) {

    /** A call about a deployment that has no base (quickStart, expert). */
    public VendorCall(ResolvedDeployment deployment, String vendorName, URI endpoint, VendorCredentials credentials) {
        this(deployment.ref(), (Placement.Managed) deployment.placement(), Optional.of(deployment), Optional.empty(),
                vendorName, endpoint, credentials, null);
    }

    /** The resolved spec, which every call but those of a deletion has. */
    public ResolvedDeployment deployment() {
        return resolved.orElseThrow(() -> new IllegalStateException("a deletion's call carries no resolved spec"));
    }

    public Optional<String> base() {
        return Optional.ofNullable(baseServiceId);
    }

    /** spec.target.&lt;provider&gt; (vksId, zoneUuid, region, ...). */
    public Map<String, Object> options() {
        return placement.options();
    }

    public String option(String key) throws VendorException {
        Object value = options().get(key);
        if (value == null || value.toString().isBlank()) {
            throw VendorException.refused("spec.target options need '" + key + "' for this provider");
        }
        return value.toString();
    }

    public String option(String key, String fallback) {
        Object value = options().get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
