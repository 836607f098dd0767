package io.modeldeploy.sim.platform.alayanew;

import io.modeldeploy.sim.platform.http.Router;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Alaya NeW's documented {@code Authorization: plain Credential=<AK>,Signature=<SK>}: the keys travel verbatim, no
 * signing (vendors.md §1). Every refusal is HTTP 401 with {@code code: -1}; the docs give no finer codes for this
 * API (the 400xx codes belong to the signed {@code /api/osm} scheme, which is not simulated).
 */
final class AlayaNewAuth implements Router.Authenticator {
    private final byte[] accessKey;
    private final byte[] secretKey;
    private final AlayaNewEnvelope envelope;

    AlayaNewAuth(String accessKey, String secretKey, AlayaNewEnvelope envelope) {
        this.accessKey = accessKey.getBytes(StandardCharsets.UTF_8);
        this.secretKey = secretKey.getBytes(StandardCharsets.UTF_8);
        this.envelope = envelope;
    }

    @Override
    public Optional<SimResponse> refuse(SimRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.of(envelope.failure(401, "missing Authorization header"));
        }
        String value = header.get().trim();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase("plain")) {
            return Optional.of(envelope.failure(401, "unsupported Authorization scheme, expected 'plain'"));
        }
        Map<String, String> params = parameters(value.substring(space + 1));
        String credential = params.get("Credential");
        String signature = params.get("Signature");
        if (credential == null || signature == null) {
            return Optional.of(envelope.failure(401, "Authorization must carry Credential and Signature"));
        }
        // Both compared in full, so the time taken says nothing about which one was wrong.
        boolean akMatches = MessageDigest.isEqual(accessKey, credential.getBytes(StandardCharsets.UTF_8));
        boolean skMatches = MessageDigest.isEqual(secretKey, signature.getBytes(StandardCharsets.UTF_8));
        if (!(akMatches & skMatches)) {
            return Optional.of(envelope.failure(401, "invalid access key or secret key"));
        }
        return Optional.empty();
    }

    private static Map<String, String> parameters(String text) {
        Map<String, String> params = new HashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                params.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return params;
    }
}
