package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a provider needs for one call about one ModelDeployment.
 *
 * @param vendorName    the deterministic name the service has on the vendor (see {@link VendorNames})
 * @param endpoint      the vendor API's base URL (spec.target.endpoint or the provider's default)
 * @param credentials   from the Secret spec.target.credentialsSecretRef names
 * @param options       spec.target.&lt;provider&gt; (vksId, zoneUuid, region, ...)
 * @param baseServiceId lora mode: the vendor id of the base's service (its status.target.externalId); null
 *                      otherwise, or while the base has none
 */
public record VendorCall(ModelDeployment md, String vendorName, URI endpoint, VendorCredentials credentials,
                         Map<String, Object> options, String baseServiceId) {

    /** A call about a deployment that has no base (quickStart, expert). */
    public VendorCall(ModelDeployment md, String vendorName, URI endpoint, VendorCredentials credentials,
                      Map<String, Object> options) {
        this(md, vendorName, endpoint, credentials, options, null);
    }

    public Optional<String> base() {
        return Optional.ofNullable(baseServiceId);
    }

    public String option(String key) throws VendorException {
        Object value = options.get(key);
        if (value == null || value.toString().isBlank()) {
            throw VendorException.refused("spec.target options need '" + key + "' for this provider");
        }
        return value.toString();
    }

    public String option(String key, String fallback) {
        Object value = options.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
