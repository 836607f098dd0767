package io.modeldeploy.operator.provider;

import java.util.Map;

/**
 * The keys of a credentials Secret, as each provider names them (an access and a secret key, an account and
 * a password, a token). Never printed: toString hides the values, and messages name keys only.
 */
public record VendorCredentials(Map<String, String> values) {

    public String require(String key) throws VendorException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw VendorException.credentials("the credentials Secret has no '" + key + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "VendorCredentials" + values.keySet() + "[values redacted]";
    }
}
