package io.modeldeploy.operator.provider.alayanew;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.PagedLookup;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.provider.VendorState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads Alaya NeW's answers (the {@code data} of the envelope) into what the reconciler needs. Pure. */
final class AlayaNewResponses {
    private AlayaNewResponses() {
    }

    /**
     * {@code GET /deployment/{serviceId}} of a base service (QuickStart or Expert). The service is the one asked
     * for: the published QuickStart example's {@code data} carries no {@code serviceId}.
     */
    static VendorService baseService(String serviceId, JsonNode detail) {
        List<InstanceStatus> instances = instances(detail);
        String status = detail.path("status").asText(null);
        VendorState state = AlayaNewStates.map(status, instances.stream().map(InstanceStatus::getBaseModelReady).toList());
        return new VendorService(serviceId, status, state, text(detail, "serviceUrl"),
                apiKey(detail), instances.isEmpty() ? Optional.empty() : Optional.of(instances.size()), instances);
    }

    /**
     * A LoRA service with its base's detail (empty when the base is gone): it runs on the base's instances,
     * so those are its instances, and it counts as running only once every one of them lists the served name
     * it was created with in {@code loraModels} (vendors.md section 1). That name is the one the operator sent,
     * not what the detail echoes: the published example echoes {@code servedName} as a string where the create
     * sends a list, and an echo read as empty would make the adapter look loaded before it is. It has no replicas
     * of its own to scale; clients send that served name (the adapter's name) as {@code model}.
     */
    static VendorService loraService(String serviceId, JsonNode detail, Optional<JsonNode> baseDetail,
                                     String servedName) {
        String status = detail.path("status").asText(null);
        VendorState state = AlayaNewStates.map(status, List.of());
        List<InstanceStatus> instances = baseDetail.map(AlayaNewResponses::instances).orElse(List.of());
        boolean attached = !instances.isEmpty() && instances.stream().allMatch(i -> i.getLoraModels() != null
                && i.getLoraModels().contains(servedName));
        if (state.phase().orElse(null) == Phase.Running && !attached) {
            state = VendorState.of(Phase.Starting);
        }
        // Clients select the adapter by the LoRA service's own served name, not by the deployment's.
        return new VendorService(serviceId, status, state, text(detail, "serviceUrl"),
                apiKey(detail), Optional.empty(), instances, List.of(servedName));
    }

    /** {@code servedName} as the pages show it: a list in the QuickStart detail, a string in the LoRA detail. */
    static List<String> servedNames(JsonNode detail) {
        JsonNode names = detail.path("servedName");
        return names.isTextual() ? List.of(names.asText()) : texts(names);
    }

    /** {@code GET /deployment/list}: {@code {count, rows[]}} paged by {@code page}/{@code size}. */
    static final PagedLookup.Shape LIST = new PagedLookup.Shape("rows", "/count");

    /** The id of the first list row whose name is exactly this one: the list's {@code name} filter may match more. */
    static Optional<String> serviceIdNamed(JsonNode listData, String name) {
        for (JsonNode row : listData.path("rows")) {
            if (name.equals(row.path("name").asText(null)) && row.hasNonNull("serviceId")) {
                return Optional.of(row.get("serviceId").asText());
            }
        }
        return Optional.empty();
    }

    static boolean isLora(JsonNode detail) {
        return detail.hasNonNull("baseServiceId") || "lora".equalsIgnoreCase(detail.path("mode").asText(""));
    }

    private static List<InstanceStatus> instances(JsonNode detail) {
        List<InstanceStatus> out = new ArrayList<>();
        for (JsonNode node : detail.path("instance")) {
            InstanceStatus instance = new InstanceStatus();
            instance.setInstanceId(node.path("instanceId").asText(null));
            boolean ready = node.path("baseModelReady").asBoolean(false);
            instance.setBaseModelReady(ready);
            instance.setReady(ready);
            instance.setLoraModels(texts(node.path("loraModels")));
            if (!ready) {
                instance.setMessage("base model not loaded yet");
            }
            out.add(instance);
        }
        return out;
    }

    /** The docs' field tables say {@code apiKey}, their examples {@code apikey}: accept both. */
    private static Optional<String> apiKey(JsonNode detail) {
        return text(detail, "apiKey").or(() -> text(detail, "apikey"));
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? Optional.empty() : Optional.of(value.asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
