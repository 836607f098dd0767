package io.modeldeploy.operator.provider.qianfan;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.provider.VendorState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Qianfan results read into what the reconciler needs (vendors.md §3). Pure. */
final class QianfanResponses {
    /** Where BCE's list APIs put their entries; which one DescribeServices uses is not published. */
    private static final List<String> LIST_KEYS = List.of("serviceList", "services", "items");

    /** A compute unit a service runs on, with its replicas: what ScaleService addresses. */
    record ComputeUnit(String instanceId, int replicas) {
    }

    /** One DescribeServices page: the entries, and the marker of the next page when there is one. */
    record Page(List<JsonNode> services, Optional<String> nextMarker) {
    }

    private QianfanResponses() {
    }

    /**
     * DescribeService's result for the service asked for. Qianfan issues no per-service key (v2 uses the account's
     * key), so none here. {@code urlSuffix}, documented as the {@code model} of the v2 inference call (answered only
     * to protocolVersion 2), is the name clients send; without it the spec's served names stand.
     *
     * @param inferenceBase the OpenAI-compatible base clients call, {@link QianfanApi#inferenceBase}
     */
    static VendorService service(String serviceId, JsonNode result, String inferenceBase) {
        String runStatus = text(result, "runStatus");
        VendorState state = QianfanStates.of(runStatus, text(result, "updateStatus"), text(result, "scaleStatus"),
                result.path("isModelUpdating").asBoolean(false));
        String urlSuffix = text(result, "urlSuffix");
        return new VendorService(serviceId, runStatus, state, Optional.of(inferenceBase), Optional.empty(),
                replicas(result), List.of(), urlSuffix == null || urlSuffix.isBlank() ? List.of() : List.of(urlSuffix));
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
     * A DescribeServices result. Its schema is not published (vendors.md §7.3), so every shape BCE's list APIs use is
     * read: the entries from {@code serviceList}, {@code services} or {@code items} (or the result itself as an
     * array), the paging from {@code isTruncated}/{@code nextMarker} in {@code pageInfo} or beside the entries. A
     * result none of these fit, or one that says it is truncated without the marker of the next page, is an error and
     * not an empty list: an empty list makes the operator create, and a service it failed to read is billed twice.
     */
    static Page page(JsonNode result) throws VendorException {
        JsonNode list = result.isArray() ? result : LIST_KEYS.stream().filter(result::has).map(result::get).findFirst()
                .orElseThrow(() -> unreadable("no list under " + LIST_KEYS + " in " + fieldNames(result)));
        if (!list.isArray()) {
            throw unreadable("the list is not an array");
        }
        List<JsonNode> services = new ArrayList<>();
        list.forEach(services::add);
        JsonNode paging = result.has("pageInfo") ? result.get("pageInfo") : result;
        if (!paging.path("isTruncated").asBoolean(false)) {
            return new Page(services, Optional.empty());
        }
        String next = text(paging, "nextMarker");
        if (next == null || next.isEmpty()) {
            throw unreadable("it is truncated but names no nextMarker");
        }
        return new Page(services, Optional.of(next));
    }

    private static VendorException unreadable(String why) {
        return VendorException.transientFailure("DescribeServices answered a list the operator cannot read (" + why
                + "); no service is created while one may exist under this name", null);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
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
