package io.modeldeploy.gateway.http;

import io.modeldeploy.gateway.keys.KeyDigest;

import java.util.Optional;

/** The key a client presents: {@code Authorization: Bearer <key>}, as OpenAI's SDKs send it. */
final class ClientKey {
    private ClientKey() {
    }

    static Optional<KeyDigest> of(String authorization) {
        if (authorization == null || authorization.length() <= 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String key = authorization.substring(7).trim();
        return key.isEmpty() ? Optional.empty() : Optional.of(KeyDigest.of(key));
    }
}
