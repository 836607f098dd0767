package io.modeldeploy.operator.provider;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The keys of a credentials Secret, as each provider names them (an access and a secret key, an account and
 * a password, a token), and what a call derived from them (a session id, a signature, an Authorization header),
 * so that {@link #mask()} hides all of it. Never printed: toString hides the values, and messages name keys only.
 *
 * @param derived secrets a call made from these credentials, added as it makes them (thread-safe)
 */
public record VendorCredentials(Map<String, String> values, Set<String> derived) {

    public VendorCredentials(Map<String, String> values) {
        this(values, ConcurrentHashMap.newKeySet());
    }

    public String require(String key) throws VendorException {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw VendorException.credentials("the credentials Secret has no '" + key + "'");
        }
        return value;
    }

    /** Something made from these credentials that is as secret as they are: masked wherever they are. */
    public void derived(String secret) {
        if (secret != null && !secret.isEmpty()) {
            derived.add(secret);
        }
    }

    /** Hides every value and everything derived so far. */
    public SecretMask mask() {
        return SecretMask.of(Stream.concat(values.values().stream(), derived.stream()).collect(Collectors.toList()));
    }

    @Override
    public String toString() {
        return "VendorCredentials" + values.keySet() + "[values redacted]";
    }
}
