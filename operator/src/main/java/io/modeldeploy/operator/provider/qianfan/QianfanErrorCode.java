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
}
