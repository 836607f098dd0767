package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/**
 * Reads ZStack's API error {@code {"error":{code, description, details, …}}} (or the REST layer's plain text) of
 * one failed HTTP answer and remembers the code: a 503 is ZStack's answer for any API error, so the code says what
 * it was ({@link ZStackErrorCodes}).
 */
final class ZStackError {
    static final String AUTHENTICATION = "ID.1000";
    static final String INVALID_SESSION = "ID.1001";
    static final String NOT_FOUND = "SYS.1003";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ZStackFailure failure;

    /** The vendor's words ({@link ZStackFailure#message()}); never echoes the request. */
    String read(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (!error.isObject()) {
                return body;
            }
            failure = ZStackFailure.of(error);
            return failure.message();
        } catch (Exception e) {
            return body;
        }
    }

    /** Remembers a failure that arrived in a 200 body, so the session check sees its code too. */
    void remember(ZStackFailure failure) {
        this.failure = failure;
    }

    /** The API error read, if the answer carried one (not the REST layer's plain text). */
    Optional<ZStackFailure> failure() {
        return Optional.ofNullable(failure);
    }

    boolean is(String expected) {
        return failure != null && failure.is(expected);
    }
}
