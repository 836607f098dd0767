package io.modeldeploy.operator.provider;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One allowed endpoint prefix of the installation, compared part by part with a parsed URL, never as text: scheme,
 * host and port must be equal (a prefix without a port means the scheme's default port; {@code :*} any port, a
 * development setting), and the prefix's path segments must begin the URL's path, so that
 * {@code https://api.vendor.example} allows neither {@code https://api.vendor.example.evil.example} nor
 * {@code https://api.vendor.example:8443}, and {@code /api/v1} does not allow {@code /api/v10}. Pure.
 *
 * @param port -1 for any port
 */
public record EndpointPrefix(String text, String scheme, String host, int port, List<String> segments) {
    private static final String ANY_PORT = ":*";

    /** @throws IllegalArgumentException when the configured prefix is not a plain http(s) URL */
    public static EndpointPrefix parse(String text) {
        String trimmed = text.strip().replaceAll("/+$", "");
        boolean anyPort = false;
        int authorityEnd = trimmed.indexOf('/', trimmed.indexOf("://") + 3);
        String authority = authorityEnd < 0 ? trimmed : trimmed.substring(0, authorityEnd);
        if (authority.endsWith(ANY_PORT)) {
            anyPort = true;
            trimmed = authority.substring(0, authority.length() - ANY_PORT.length())
                    + (authorityEnd < 0 ? "" : trimmed.substring(authorityEnd));
        }
        URI uri;
        try {
            uri = VendorEndpoint.parse(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowed endpoint '" + text + "': " + e.getMessage());
        }
        return new EndpointPrefix(text.strip(), uri.getScheme(), uri.getHost(),
                anyPort ? -1 : VendorEndpoint.effectivePort(uri), segments(uri));
    }

    /** Whether calls to {@code apiBase} (a URL {@link VendorEndpoint#parse} accepted) are allowed by this prefix. */
    public boolean allows(URI apiBase) {
        if (!scheme.equals(apiBase.getScheme().toLowerCase(Locale.ROOT))
                || !host.equals(apiBase.getHost().toLowerCase(Locale.ROOT))
                || (port != -1 && port != VendorEndpoint.effectivePort(apiBase))) {
            return false;
        }
        List<String> path = segments(apiBase);
        return path.size() >= segments.size() && path.subList(0, segments.size()).equals(segments);
    }

    private static List<String> segments(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+|/+$", "");
        return path.isEmpty() ? List.of() : Arrays.asList(path.split("/"));
    }

    @Override
    public String toString() {
        return text;
    }
}
