package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.operator.provider.VendorException;

import java.util.Optional;

/**
 * One API error of ZStack, as its documented reply carries it (zstack-add-model-service.txt): {@code success}
 * false, or a non-null {@code error} {code, description, details, elaboration, opaque, cause}, inside a 200 body;
 * also the {@code {"error":…}} of a 503 (ZStack's RestServer) and of a failed job.
 *
 * @param code    e.g. {@code SYS.1007}; null when the reply said {@code success: false} without an error
 * @param message the vendor's words: {@code code: description: details}, and the root cause's code and description
 *                when it names one
 */
record ZStackFailure(String code, String message) {

    /** The failure a reply body reports, if any: {@code success: false} or a non-null {@code error}. */
    static Optional<ZStackFailure> inReply(JsonNode body) {
        JsonNode error = body.path("error");
        boolean errorGiven = error.isObject();
        boolean refused = body.path("success").isBoolean() && !body.path("success").asBoolean();
        if (!errorGiven && !refused) {
            return Optional.empty();
        }
        return Optional.of(errorGiven ? of(error)
                : new ZStackFailure(null, "success: false without an error"));
    }

    /** Reads an ErrorCode object ({@code {code, description, details, …, cause}}). */
    static ZStackFailure of(JsonNode error) {
        String code = text(error, "code");
        StringBuilder message = new StringBuilder(String.valueOf(code)).append(": ")
                .append(Optional.ofNullable(text(error, "description")).orElse(""))
                .append(": ").append(Optional.ofNullable(text(error, "details")).orElse(""));
        JsonNode cause = error.path("cause");
        if (cause.isObject() && text(cause, "code") != null) {
            // The root error names what really went wrong when the top one is generic (e.g. SYS.1006).
            message.append(" (cause ").append(text(cause, "code")).append(": ")
                    .append(Optional.ofNullable(text(cause, "description")).orElse("")).append(")");
        }
        return new ZStackFailure(code, message.toString());
    }

    /** The failure as the reconciler must treat it ({@link ZStackErrorCodes}), prefixed with what was asked. */
    VendorException exception(String what) {
        return ZStackErrorCodes.exception(code, what + ": " + message);
    }

    boolean is(String expected) {
        return expected.equals(code);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
