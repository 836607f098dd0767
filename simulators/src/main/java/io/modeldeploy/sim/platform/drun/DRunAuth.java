package io.modeldeploy.sim.platform.drun;

import io.modeldeploy.sim.platform.http.Router;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** d.run's management auth: {@code Authorization: Bearer <access key>} (vendors.md §4); else 401 UNAUTHENTICATED. */
final class DRunAuth implements Router.Authenticator {
    private static final String SCHEME = "bearer ";

    private final byte[] token;

    DRunAuth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<SimResponse> refuse(SimRequest request) {
        String header = request.header("Authorization").map(String::trim).orElse("");
        if (header.isEmpty()) {
            return Optional.of(DRunErrors.failure(401, "UNAUTHENTICATED", "missing access key"));
        }
        if (header.length() <= SCHEME.length() || !header.substring(0, SCHEME.length()).equalsIgnoreCase(SCHEME)) {
            return Optional.of(DRunErrors.failure(401, "UNAUTHENTICATED", "Authorization must be 'Bearer <key>'"));
        }
        byte[] offered = header.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, offered)) {
            return Optional.of(DRunErrors.failure(401, "UNAUTHENTICATED", "invalid access key"));
        }
        return Optional.empty();
    }
}
