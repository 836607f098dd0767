package io.modeldeploy.sim.platform.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A route path such as {@code /deployment/{serviceId}/scale}: literal segments, and named ones that match any segment. */
final class PathTemplate {
    private final String template;
    private final List<String> segments;

    PathTemplate(String template) {
        this.template = template;
        this.segments = split(template);
    }

    /** The path parameters, if the path has exactly this shape. */
    Optional<Map<String, String>> match(String path) {
        List<String> parts = split(path);
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String expected = segments.get(i);
            String actual = parts.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                params.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    @Override
    public String toString() {
        return template;
    }

    /** Segments without the leading slash; a trailing slash is ignored, as the vendors' routers do. */
    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
    }
}
