package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.net.URI;
import java.util.Map;

/**
 * Everything a provider needs for one call about one ModelDeployment.
 *
 * @param vendorName  the deterministic name the service has on the vendor (see {@link VendorNames})
 * @param endpoint    the vendor API's base URL (spec.target.endpoint or the provider's default)
 * @param credentials from the Secret spec.target.credentialsSecretRef names
 * @param options     spec.target.&lt;provider&gt; (vksId, zoneUuid, region, ...)
 */
public record VendorCall(ModelDeployment md, String vendorName, URI endpoint, VendorCredentials credentials,
                         Map<String, Object> options) {

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
