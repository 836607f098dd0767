package io.modeldeploy.operator.provider.qianfan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Set;

/**
 * Reads Baidu's error shape {@code {requestId, code, message}} of one answer, and remembers the code so the caller
 * can tell a refused signature (a 400 or 403 that means "credentials") from a refused request.
 */
final class QianfanErrorCode {
    /** BCE's codes for a signature or key the server does not accept. */
    private static final Set<String> CREDENTIAL_CODES = Set.of("SignatureEmpty", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "InvalidHTTPAuthHeader", "AccessDenied", "RequestExpired");
    private static final Set<String> TRANSIENT_CODES = Set.of("RequestLimitExceeded", "TooManyRequests",
            "ServiceUnavailable", "ServiceBusy", "SystemBusy", "InternalError", "InternalServerError");
    private static final ObjectMapper JSON = new ObjectMapper();

    private String code;

    /** The vendor's words for a failed answer: {@code code: message}; never echoes the request. */
    String read(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            code = node.path("code").asText(null);
            String message = node.path("message").asText("");
            return code == null ? body : code + ": " + message;
        } catch (Exception e) {
            return body;
        }
    }

    String code() {
        return code;
    }

    boolean isCredentials() {
        return code != null && CREDENTIAL_CODES.contains(code);
    }

    /**
     * Whether the code says the service does not exist. The page documents the error shape, not the catalogue of
     * codes (vendors.md §7.3), so this is inferred from BCE's naming ({@code ...NotFound}, {@code ...NotExist...});
     * a deletion is done on this answer, so anything less clear keeps the finalizer rather than release it.
     */
    boolean isNotFound() {
        return code != null && (code.endsWith("NotFound") || code.contains("NotExist"));
    }

    /** BCE's codes for "try again later"; any other code in an error body is the request being refused. */
    boolean isTransient() {
        return code != null && (TRANSIENT_CODES.contains(code) || code.startsWith("Internal"));
    }

    /** An error in a body whatever the HTTP status: {@code code} set and no {@code result} (the documented shape). */
    static boolean isError(JsonNode body) {
        return body.hasNonNull("code") && !body.path("code").asText().isEmpty() && !body.has("result");
    }
}
