package io.modeldeploy.operator.provider.alayanew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modeldeploy.operator.provider.VendorException;

/**
 * Alaya NeW's {@code {code, data, msg}} envelope (vendors.md section 1): {@code code} 0 is success (the
 * examples sometimes send it as the string "0"), anything else a failure whose reason is in {@code msg}. The
 * LoRA detail page (vendor-docs/alayanew-deployment-detail-lora.txt) shows its answer without the envelope.
 */
final class AlayaNewEnvelope {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlayaNewEnvelope() {
    }

    /**
     * The {@code data} of a successful answer; a failure in a 2xx answer is the vendor refusing the request. The
     * published LoRA detail example is the service itself with no envelope around it: a body that has neither
     * {@code code} nor {@code data} is taken as the answer as it stands.
     */
    static JsonNode data(JsonNode body, String what) throws VendorException {
        if (!body.has("code") && !body.has("data")) {
            return body;
        }
        JsonNode code = body.get("code");
        if (code != null && !code.isNull() && !"0".equals(code.asText().trim())) {
            throw VendorException.refused(what + " refused by Alaya NeW (code " + code.asText() + "): "
                    + body.path("msg").asText(""));
        }
        return body.path("data");
    }

    /** The vendor's words from an error body, for {@link io.modeldeploy.operator.provider.VendorHttp#send}. */
    static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.hasNonNull("msg") ? node.get("msg").asText() : body;
        } catch (Exception e) {
            return body;
        }
    }
}
