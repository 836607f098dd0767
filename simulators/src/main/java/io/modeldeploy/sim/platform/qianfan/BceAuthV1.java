package io.modeldeploy.sim.platform.qianfan;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Baidu's {@code bce-auth-v1} signature, written from the steps of vendors.md §3.1 (and checked against its
 * published vectors V1–V3): the simulator recomputes it to verify requests, and its tests use it to sign them.
 * Encoding follows RFC 3986 ({@code !'()*} encoded too), as the doc says to.
 */
public final class BceAuthV1 {
    public static final String VERSION = "bce-auth-v1";
    /** Signed when the client names no headers (besides every {@code x-bce-*} header). */
    public static final Set<String> DEFAULT_HEADERS = Set.of("host", "content-md5", "content-length", "content-type");

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private BceAuthV1() {
    }

    /** One query parameter; a null value is written {@code name=} like an empty one. */
    public record Param(String name, String value) {
    }

    /** The canonical header block and the (sorted, lowercase) names it covers. */
    public record CanonicalHeaders(String text, List<String> names) {
    }

    /** UTC {@code yyyy-MM-ddTHH:mm:ssZ}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    public static Instant parseTimestamp(String text) {
        return Instant.from(TIMESTAMP.parse(text));
    }

    /** RFC 3986: unreserved characters stay, every other byte of the UTF-8 form becomes {@code %XX}. */
    public static String uriEncode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    public static String canonicalUri(String path) {
        return uriEncode(path == null || path.isEmpty() ? "/" : path, true);
    }

    /** {@code enc(k)=enc(v)} for every parameter but {@code authorization}, sorted, joined with {@code &}. */
    public static String canonicalQueryString(List<Param> params) {
        List<String> pairs = new ArrayList<>();
        for (Param param : params) {
            if (param.name().equalsIgnoreCase("authorization")) {
                continue;
            }
            pairs.add(uriEncode(param.name(), false) + "=" + uriEncode(param.value() == null ? "" : param.value(), false));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /**
     * {@code enc(name):enc(trimmed value)} per signed header, sorted, joined with newlines; headers with empty
     * values are left out.
     *
     * @param headersToSign the names to sign, or null for the default set plus every {@code x-bce-*} header
     */
    public static CanonicalHeaders canonicalHeaders(Map<String, String> headers, Collection<String> headersToSign) {
        Set<String> wanted = new TreeSet<>();
        if (headersToSign != null) {
            headersToSign.forEach(name -> wanted.add(name.trim().toLowerCase(Locale.ROOT)));
        }
        List<String> lines = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().trim().toLowerCase(Locale.ROOT);
            String value = header.getValue() == null ? "" : header.getValue().trim();
            boolean signed = headersToSign == null
                    ? DEFAULT_HEADERS.contains(name) || name.startsWith("x-bce-")
                    : wanted.contains(name);
            if (!signed || value.isEmpty()) {
                continue;
            }
            lines.add(uriEncode(name, false) + ":" + uriEncode(value, false));
            names.add(name);
        }
        lines.sort(null);
        return new CanonicalHeaders(String.join("\n", lines), List.copyOf(names));
    }

    public static String authStringPrefix(String accessKey, Instant timestamp, int expirationSeconds) {
        return VERSION + "/" + accessKey + "/" + timestamp(timestamp) + "/" + expirationSeconds;
    }

    /** The lowercase hex of HMAC-SHA256(secret key, prefix): itself the key of the final HMAC. */
    public static String signingKey(String secretKey, String authStringPrefix) {
        return hmacHex(secretKey, authStringPrefix);
    }

    public static String canonicalRequest(String method, String path, List<Param> query, CanonicalHeaders headers) {
        return method.toUpperCase(Locale.ROOT) + "\n" + canonicalUri(path) + "\n" + canonicalQueryString(query)
                + "\n" + headers.text();
    }

    public static String signature(String signingKey, String canonicalRequest) {
        return hmacHex(signingKey, canonicalRequest);
    }

    /**
     * The whole {@code Authorization} value.
     *
     * @param headersToSign     null for the default set
     * @param listSignedHeaders false writes an empty signed-header field ({@code //}), as vector V3 does; the
     *                          server then assumes the default set
     */
    public static String authorization(String accessKey, String secretKey, Instant timestamp, int expirationSeconds,
                                       String method, String path, List<Param> query, Map<String, String> headers,
                                       Collection<String> headersToSign, boolean listSignedHeaders) {
        String prefix = authStringPrefix(accessKey, timestamp, expirationSeconds);
        CanonicalHeaders canonical = canonicalHeaders(headers, headersToSign);
        String signature = signature(signingKey(secretKey, prefix), canonicalRequest(method, path, query, canonical));
        String signed = listSignedHeaders ? String.join(";", canonical.names()) : "";
        return prefix + "/" + signed + "/" + signature;
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
