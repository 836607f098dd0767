package io.modeldeploy.sim.platform.qianfan;

import io.modeldeploy.sim.platform.http.Router;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies {@code bce-auth-v1} on every Qianfan request by recomputing the signature from what arrived: method,
 * path, raw query and the headers the {@code Authorization} names (the default set when it names none).
 * Refusals, in BCE's codes: no header 400 {@code SignatureEmpty}; unparseable 400 {@code InvalidHTTPAuthHeader};
 * unknown AK 403 {@code InvalidAccessKeyId}; outside its validity 400 {@code RequestExpired}; wrong signature 400
 * {@code SignatureDoesNotMatch}. A timestamp more than 15 minutes ahead of the server's clock is also refused as
 * expired (the docs give no skew; 15 minutes is what ZStack and S3-style APIs allow).
 */
final class BceAuthVerifier implements Router.Authenticator {
    private static final Duration FUTURE_SKEW = Duration.ofMinutes(15);

    private final String accessKey;
    private final String secretKey;
    private final Clock clock;

    BceAuthVerifier(String accessKey, String secretKey, Clock clock) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.clock = clock;
    }

    @Override
    public Optional<SimResponse> refuse(SimRequest request) {
        String header = request.header("Authorization").map(String::trim).orElse("");
        if (header.isEmpty()) {
            return refusal(400, "SignatureEmpty", "the request carries no signature");
        }
        String[] parts = header.split("/", -1);
        if (parts.length != 6 || !parts[0].equals(BceAuthV1.VERSION)) {
            return refusal(400, "InvalidHTTPAuthHeader",
                    "Authorization must be bce-auth-v1/{ak}/{timestamp}/{expiration}/{signedHeaders}/{signature}");
        }
        Instant timestamp;
        int expiration;
        try {
            timestamp = BceAuthV1.parseTimestamp(parts[2]);
            expiration = Integer.parseInt(parts[3]);
        } catch (DateTimeException | NumberFormatException e) {
            return refusal(400, "InvalidHTTPAuthHeader", "bad timestamp or expiration in Authorization");
        }
        if (!parts[1].equals(accessKey)) {
            return refusal(403, "InvalidAccessKeyId", "The Access Key ID you provided does not exist in our records.");
        }
        Instant now = clock.instant();
        if (expiration <= 0 || now.isAfter(timestamp.plusSeconds(expiration)) || timestamp.isAfter(now.plus(FUTURE_SKEW))) {
            return refusal(400, "RequestExpired", "the signature's timestamp " + parts[2] + " with expiration "
                    + parts[3] + " s is not valid now");
        }
        List<String> signedHeaders = parts[4].isEmpty() ? null : List.of(parts[4].split(";"));
        String prefix = BceAuthV1.authStringPrefix(parts[1], timestamp, expiration);
        BceAuthV1.CanonicalHeaders canonical = BceAuthV1.canonicalHeaders(firstValues(request), signedHeaders);
        String expected = BceAuthV1.signature(BceAuthV1.signingKey(secretKey, prefix),
                BceAuthV1.canonicalRequest(request.method(), request.path(), rawParams(request.rawQuery()), canonical));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), parts[5].getBytes(StandardCharsets.UTF_8))) {
            return refusal(400, "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided.");
        }
        return Optional.empty();
    }

    private static Optional<SimResponse> refusal(int status, String code, String message) {
        return Optional.of(QianfanErrors.failure(status, code, message));
    }

    private static Map<String, String> firstValues(SimRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.put(name, values.isEmpty() ? "" : values.get(0)));
        return headers;
    }

    /** The query as sent, percent-decoded only ({@code +} stays a plus): the client signed these values. */
    private static List<BceAuthV1.Param> rawParams(String rawQuery) {
        List<BceAuthV1.Param> params = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.add(eq < 0
                    ? new BceAuthV1.Param(percentDecode(pair), null)
                    : new BceAuthV1.Param(percentDecode(pair.substring(0, eq)), percentDecode(pair.substring(eq + 1))));
        }
        return params;
    }

    private static String percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && i + 2 < text.length()
                    && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int codePoint = text.codePointAt(i);
                out.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(codePoint);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
