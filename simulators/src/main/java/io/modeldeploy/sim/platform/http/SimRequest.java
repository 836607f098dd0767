package io.modeldeploy.sim.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as the handlers see it: read once, immutable, headers looked up case-insensitively, and the query
 * decoded as HTML forms do. The raw query stays available for signature checks that need the exact bytes.
 */
public final class SimRequest {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final Map<String, String> pathParams;

    public SimRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        this(method, path, rawQuery, decodeQuery(rawQuery), caseInsensitive(headers), body, Map.of());
    }

    private SimRequest(String method, String path, String rawQuery, Map<String, List<String>> query,
                       Map<String, List<String>> headers, byte[] body, Map<String, String> pathParams) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.query = query;
        this.headers = headers;
        this.body = body == null ? new byte[0] : body;
        this.pathParams = pathParams;
    }

    SimRequest withPathParams(Map<String, String> params) {
        return new SimRequest(method, path, rawQuery, query, headers, body, Map.copyOf(params));
    }

    public String method() {
        return method;
    }

    /** The decoded path, without query. */
    public String path() {
        return path;
    }

    /** The query exactly as sent (still percent-encoded); null when there is none. */
    public String rawQuery() {
        return rawQuery;
    }

    /** A {@code {name}} segment of the route template that matched. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("route has no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Map<String, List<String>> queryParams() {
        return query;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** All headers, names case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as a JSON object; an empty body reads as {@code {}}, anything else as {@link InvalidBody}. */
    public ObjectNode jsonObject() {
        if (body.length == 0) {
            return Json.object();
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidBody.malformed("request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw InvalidBody.malformed("request body could not be read: " + e.getMessage());
        }
        if (parsed == null || parsed.isMissingNode()) {
            return Json.object();
        }
        if (!parsed.isObject()) {
            throw InvalidBody.malformed("request body must be a JSON object");
        }
        return (ObjectNode) parsed;
    }

    private static Map<String, List<String>> decodeQuery(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Collections.unmodifiableMap(out);
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        out.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(out);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return text;
        }
    }

    private static Map<String, List<String>> caseInsensitive(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> out.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(out);
    }
}
