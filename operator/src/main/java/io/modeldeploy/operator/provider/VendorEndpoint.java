package io.modeldeploy.operator.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A vendor API endpoint as a tenant may write it: an absolute {@code http} or {@code https} URL with a host, nothing
 * in it that could make the request go elsewhere than it reads. Userinfo ({@code https://api.vendor@evil}), a query
 * (the trailing {@code ?} that turns the provider's own path into a query string) and a fragment are refused, and so
 * are path tricks a server might resolve differently from a prefix check (dot segments, percent escapes, {@code //},
 * backslashes). Pure.
 */
public final class VendorEndpoint {
    /** RFC 3986 pchar without percent escapes: what a documented API path needs, and nothing a server could decode. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]+");
    private static final int MAX_SHOWN = 200;

    private VendorEndpoint() {
    }

    /**
     * The endpoint with scheme and host in lower case and trailing slashes dropped.
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing a userinfo part
     */
    public static URI parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + shown(raw) + "' is not a URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new IllegalArgumentException("'" + shown(raw) + "' is not an absolute http(s) URL (e.g. https://api.vendor.example)");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("scheme '" + shown(uri.getScheme()) + "' is not http or https");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            // The URL is not repeated: the userinfo may hold a password.
            throw new IllegalArgumentException("must not carry a user name or password (userinfo before '@')");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + shown(raw) + "' has no valid host");
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("must not have a query ('?')");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not have a fragment ('#')");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        for (String segment : path.isEmpty() ? new String[0] : path.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("path '" + shown(path) + "' may only hold plain segments (no '.', '..',"
                        + " '//', '%' escapes or backslashes)");
            }
        }
        if (!path.isEmpty() && !path.startsWith("/")) {
            throw new IllegalArgumentException("'" + shown(raw) + "' is not an absolute http(s) URL");
        }
        boolean defaultPort = uri.getPort() == -1 || uri.getPort() == (scheme.equals("https") ? 443 : 80);
        return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (defaultPort ? "" : ":" + uri.getPort()) + path);
    }

    /**
     * The API base calls go to: the endpoint as written when it has a path, else the endpoint with the vendor's
     * documented base path, so that both the host alone and the full documented base work.
     */
    public static URI apiBase(URI endpoint, String documentedBasePath) {
        String path = endpoint.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            return endpoint;
        }
        return URI.create(endpoint.toString().replaceAll("/+$", "") + documentedBasePath);
    }

    /** The port calls go to: the given one, else the scheme's default. */
    static int effectivePort(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A URL as messages may show it: scheme, host, port and path only (no userinfo, query or fragment). */
    public static String shown(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String shown(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > MAX_SHOWN ? oneLine.substring(0, MAX_SHOWN) + "..." : oneLine;
    }
}
