package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads ZStack's API error {@code {"error":{code, description, details}}} (or the REST layer's plain text) of one
 * answer and remembers the code: a 503 is ZStack's answer for any API error, so the code says what it was.
 */
final class ZStackError {
    static final String AUTHENTICATION = "ID.1000";
    static final String INVALID_SESSION = "ID.1001";
    static final String INTERNAL = "SYS.1000";
    static final String NOT_FOUND = "SYS.1003";
    static final String INVALID_ARGUMENT = "SYS.1007";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String code;

    /** The vendor's words: {@code code: description: details}; never echoes the request. */
    String read(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.isMissingNode()) {
                return body;
            }
            code = error.path("code").asText(null);
            return code + ": " + error.path("description").asText("") + ": " + error.path("details").asText("");
        } catch (Exception e) {
            return body;
        }
    }

    /** Reads a job result body that already arrived. */
    static ZStackError of(JsonNode body) {
        ZStackError error = new ZStackError();
        error.code = body.path("error").path("code").asText(null);
        return error;
    }

    String code() {
        return code;
    }

    boolean is(String expected) {
        return expected.equals(code);
    }
}
