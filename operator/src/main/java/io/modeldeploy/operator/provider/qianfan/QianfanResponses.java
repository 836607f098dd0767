package io.modeldeploy.operator.provider.qianfan;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.provider.VendorState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Qianfan results read into what the reconciler needs (vendors.md §3). Pure. */
final class QianfanResponses {
    /** A compute unit a service runs on, with its replicas: what ScaleService addresses. */
    record ComputeUnit(String instanceId, int replicas) {
    }

    /** One DescribeServices page: the entries, and the marker of the next page when there is one. */
    record Page(List<JsonNode> services, Optional<String> nextMarker) {
    }

    private QianfanResponses() {
    }

    /** DescribeService's result. Qianfan issues no per-service key (v2 uses the account's key), so none here. */
    static VendorService service(JsonNode result) {
        String runStatus = text(result, "runStatus");
        VendorState state = QianfanStates.of(runStatus, text(result, "updateStatus"), text(result, "scaleStatus"),
                result.path("isModelUpdating").asBoolean(false));
        return new VendorService(text(result, "serviceId"), runStatus, state, Optional.ofNullable(text(result, "url")),
                Optional.empty(), replicas(result), List.of());
    }

    /** CreateService's result carries only ids: a new service is {@code New} (待发布) until Qianfan says more. */
    static VendorService created(JsonNode result) {
        return new VendorService(text(result, "serviceId"), "New", QianfanStates.of("New", null, null, false),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** The compute units of a DescribeService result, in Qianfan's order. */
    static List<ComputeUnit> computeUnits(JsonNode result) {
        List<ComputeUnit> units = new ArrayList<>();
        for (JsonNode unit : result.path("deploymentConfig").path("deploymentComputeUnitList")) {
            units.add(new ComputeUnit(text(unit, "instanceId"), unit.path("deploymentReplicasCount").asInt(0)));
        }
        return units;
    }

    /**
     * A DescribeServices result. Its schema is not public (vendors.md §7.3): entries are read from
     * {@code serviceList} (or {@code services}), paging from {@code pageInfo.isTruncated/nextMarker}.
     */
    static Page page(JsonNode result) {
        JsonNode list = result.has("serviceList") ? result.get("serviceList") : result.path("services");
        List<JsonNode> services = new ArrayList<>();
        list.forEach(services::add);
        JsonNode pageInfo = result.path("pageInfo");
        String next = text(pageInfo, "nextMarker");
        boolean truncated = pageInfo.path("isTruncated").asBoolean(false);
        return new Page(services, truncated && next != null && !next.isEmpty() ? Optional.of(next) : Optional.empty());
    }

    /** Replicas: the sum over compute units, else the configured count. */
    static Optional<Integer> replicas(JsonNode result) {
        List<ComputeUnit> units = computeUnits(result);
        if (!units.isEmpty()) {
            return Optional.of(units.stream().mapToInt(ComputeUnit::replicas).sum());
        }
        for (String config : List.of("deploymentConfig", "resourceConfig")) {
            JsonNode count = result.path(config).path("replicasCount");
            if (count.isNumber()) {
                return Optional.of(count.asInt());
            }
        }
        return Optional.empty();
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
