package io.modeldeploy.operator.provider.qianfan;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Baidu's {@code bce-auth-v1} request signature, written from vendors.md §3.1 (pure; no clock, no I/O):
 * signingKey = hex(HMAC-SHA256(SK, prefix)); signature = hex(HMAC-SHA256(signingKey, canonical request)).
 * Encoding follows RFC 3986 (only {@code A-Za-z0-9-._~} stay as they are), as the JS SDK does, not the Qianfan
 * Java SDK's looser variant.
 */
public final class BceSigner {
    public static final String VERSION = "bce-auth-v1";
    /** What the SDKs sign when told no list (vendors.md §3.1 step 3). */
    private static final Set<String> DEFAULT_HEADERS = Set.of("host", "content-md5", "content-length", "content-type");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** A query parameter; a null value canonicalizes as {@code k=}. */
    public record Param(String name, String value) {
    }

    /**
     * What is signed.
     *
     * @param headers       as sent (any case); only the ones chosen by {@code headersToSign} count
     * @param headersToSign lower-case names, or null for the default set plus every {@code x-bce-*} header
     * @param nameHeaders   whether the Authorization lists the signed names; false gives {@code //}, which the
     *                      server reads as "the default set"
     */
    public record Request(String method, String path, List<Param> query, Map<String, String> headers,
                          Set<String> headersToSign, boolean nameHeaders) {
    }

    private BceSigner() {
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The whole {@code Authorization} header value. */
    public static String authorization(String accessKey, String secretKey, Instant time, int expirationSeconds,
                                       Request request) {
        String prefix = VERSION + "/" + accessKey + "/" + timestamp(time) + "/" + expirationSeconds;
        String signingKey = hmacHex(secretKey, prefix);
        TreeMap<String, String> signed = signedHeaders(request);
        String signature = hmacHex(signingKey, canonicalRequest(request, signed));
        String names = request.nameHeaders() ? String.join(";", signed.keySet()) : "";
        return prefix + "/" + names + "/" + signature;
    }

    static String signingKey(String secretKey, String authStringPrefix) {
        return hmacHex(secretKey, authStringPrefix);
    }

    static String canonicalRequest(Request request, TreeMap<String, String> signed) {
        return request.method().toUpperCase(Locale.ROOT) + "\n" + canonicalUri(request.path()) + "\n"
                + canonicalQuery(request.query()) + "\n" + canonicalHeaders(signed);
    }

    static String canonicalUri(String path) {
        String p = path == null || path.isEmpty() ? "/" : path;
        return encode(p).replace("%2F", "/");
    }

    static String canonicalQuery(List<Param> query) {
        List<String> pairs = new ArrayList<>();
        for (Param p : query) {
            if (p.name().equalsIgnoreCase("authorization")) {
                continue;
            }
            pairs.add(encode(p.name()) + "=" + (p.value() == null ? "" : encode(p.value())));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /** Lower-case name to trimmed value of every header that is signed, sorted by name; empty values are dropped. */
    static TreeMap<String, String> signedHeaders(Request request) {
        TreeMap<String, String> signed = new TreeMap<>();
        request.headers().forEach((name, value) -> {
            String key = name.toLowerCase(Locale.ROOT).trim();
            String trimmed = value == null ? "" : value.trim();
            boolean chosen = request.headersToSign() == null
                    ? DEFAULT_HEADERS.contains(key) || key.startsWith("x-bce-")
                    : request.headersToSign().contains(key);
            if (chosen && !trimmed.isEmpty()) {
                signed.put(key, trimmed);
            }
        });
        return signed;
    }

    static String canonicalHeaders(TreeMap<String, String> signed) {
        List<String> lines = new ArrayList<>();
        signed.forEach((name, value) -> lines.add(encode(name) + ":" + encode(value)));
        lines.sort(null);
        return String.join("\n", lines);
    }

    /** RFC 3986 percent-encoding of UTF-8 bytes, upper-case hex; space is {@code %20}. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String hmacHex(String key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
