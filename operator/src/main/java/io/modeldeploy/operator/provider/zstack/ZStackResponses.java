package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.provider.VendorState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** ZStack replies read into what the reconciler needs (vendors.md §2). Pure. */
final class ZStackResponses {
    private ZStackResponses() {
    }

    /** The first inventory of a query reply; ZStack answers a missing uuid with an empty list, not 404. */
    static Optional<JsonNode> firstInventory(JsonNode reply) {
        JsonNode inventories = reply.path("inventories");
        return inventories.isArray() && !inventories.isEmpty() ? Optional.of(inventories.get(0)) : Optional.empty();
    }

    /**
     * An instance group: its status mapped, the URL of its first instance (the instances' URLs are the endpoints),
     * one replica per instance. ZStack issues no key for the endpoint.
     */
    static VendorService group(JsonNode group) {
        String status = text(group, "status");
        List<InstanceStatus> instances = new ArrayList<>();
        String url = null;
        for (JsonNode instance : group.path("instances")) {
            InstanceStatus out = new InstanceStatus();
            out.setInstanceId(text(instance, "uuid"));
            boolean ready = ZStackStates.of(text(instance, "status")).phase().orElse(null) == Phase.Running;
            out.setReady(ready);
            if (!ready) {
                out.setMessage("ZStack reports the instance '" + text(instance, "status") + "'");
            }
            instances.add(out);
            if (url == null) {
                url = text(instance, "url");
            }
        }
        Optional<Integer> replicas = group.path("instances").isArray() ? Optional.of(instances.size()) : Optional.empty();
        return new VendorService(text(group, "uuid"), status, ZStackStates.of(status), Optional.ofNullable(url),
                Optional.empty(), replicas, instances);
    }

    /** A group ZStack accepted to deploy but does not show yet (its job runs): Pending, vendors.md §5. */
    static VendorService accepted(String groupUuid) {
        return new VendorService(groupUuid, "", VendorState.of(Phase.Pending), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /**
     * A deploy whose job ZStack failed before any group showed: Failed, with the vendor's words as its status (there
     * is no group to have one).
     */
    static VendorService failedDeploy(String groupUuid, ZStackFailure failure) {
        return new VendorService(groupUuid, failure.message(), VendorState.of(Phase.Failed), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
