package io.modeldeploy.sim.platform.zstack;

import io.modeldeploy.sim.platform.http.Router;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

import java.util.Optional;

/**
 * The REST layer's part of ZStack auth: the header must be {@code Authorization: OAuth <session>} (400, plain text,
 * otherwise). Whether the session is valid is decided later, by the API itself, as ZStack does: see
 * {@link ZStackSessions}.
 */
final class ZStackAuth implements Router.Authenticator {

    @Override
    public Optional<SimResponse> refuse(SimRequest request) {
        Optional<String> header = request.header("Authorization").map(String::trim);
        if (header.isEmpty()) {
            return Optional.of(SimResponse.text(400, "missing header 'Authorization'"));
        }
        if (!header.get().startsWith("OAuth")) {
            return Optional.of(SimResponse.text(400, "Authorization type must be 'OAuth'"));
        }
        return Optional.empty();
    }

    /** The session uuid of a request that passed {@link #refuse}. */
    static String sessionOf(SimRequest request) {
        return request.header("Authorization").orElse("").trim().replaceFirst("OAuth", "").trim();
    }
}
