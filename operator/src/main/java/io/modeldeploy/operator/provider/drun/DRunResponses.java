package io.modeldeploy.operator.provider.drun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modeldeploy.operator.provider.PagedLookup;
import io.modeldeploy.operator.provider.VendorService;

import java.util.List;
import java.util.Optional;

/** Reads d.run's ModelServing answers and {@code rpcStatus} errors (vendors.md section 4). Pure. */
final class DRunResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DRunResponses() {
    }

    /**
     * A ModelServing. d.run issues no key per service (clients use an account API key), reports no
     * instances (only the replica count), and names the model itself ({@code accessModelName}).
     */
    static VendorService modelServing(JsonNode serving, boolean wasServing) {
        String status = serving.path("status").asText(null);
        String address = serving.path("address").asText("");
        // d.run names the model clients send: <user namespace>/<name>.
        String accessModelName = serving.path("accessModelName").asText("");
        return new VendorService(serving.path("id").asText(), status, DRunStates.map(status, wasServing),
                address.isBlank() ? Optional.empty() : Optional.of(address), Optional.empty(),
                serving.hasNonNull("replicas") ? Optional.of(serving.get("replicas").asInt()) : Optional.empty(),
                List.of(), accessModelName.isBlank() ? List.of() : List.of(accessModelName));
    }

    /** The Swagger's {@code v1alpha1ListModelServingResponse}: {@code {items[], page{page, pageSize, total}}}. */
    static final PagedLookup.Shape LIST = new PagedLookup.Shape("items", "/page/total");

    /** The item whose name is exactly this one: search may match more. */
    static Optional<JsonNode> itemNamed(JsonNode list, String name) {
        for (JsonNode item : list.path("items")) {
            if (name.equals(item.path("name").asText(null))) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** {@code rpcStatus {id, message}}: the vendor's words for a failed call. */
    static String message(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.hasNonNull("message")) {
                return body;
            }
            return node.hasNonNull("id") ? node.get("id").asText() + ": " + node.get("message").asText()
                    : node.get("message").asText();
        } catch (Exception e) {
            return body;
        }
    }
}
