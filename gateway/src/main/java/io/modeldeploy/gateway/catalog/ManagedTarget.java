package io.modeldeploy.gateway.catalog;

import io.modeldeploy.operator.api.v1alpha1.Provider;

/** A deployment served by a vendor platform: its OpenAI base URL and how the vendor wants the key sent. */
public record ManagedTarget(Provider provider, String serviceUrl) {

    /** The header the vendor reads the key from (vendors.md): Alaya NeW {@code apiKey: <key>}, the others bearer. */
    public String authHeader() {
        return provider == Provider.AlayaNeW ? "apiKey" : "Authorization";
    }

    public String authValue(String key) {
        return provider == Provider.AlayaNeW ? key : "Bearer " + key;
    }
}
