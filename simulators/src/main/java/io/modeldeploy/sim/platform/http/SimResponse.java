package io.modeldeploy.sim.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of a simulator: status, extra headers and a body that is already bytes, so the router writes every
 * vendor's replies the same way.
 *
 * @param body        empty for no body at all
 * @param contentType null when there is no body
 */
public record SimResponse(int status, Map<String, String> headers, byte[] body, String contentType) {

    public SimResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static SimResponse json(int status, JsonNode body) {
        try {
            return new SimResponse(status, Map.of(), Json.MAPPER.writeValueAsBytes(body), "application/json");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serializes", e);
        }
    }

    public static SimResponse text(int status, String body) {
        return new SimResponse(status, Map.of(), body.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    public static SimResponse empty(int status) {
        return new SimResponse(status, Map.of(), new byte[0], null);
    }

    public SimResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SimResponse(status, more, body, contentType);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
