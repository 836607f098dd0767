package io.modeldeploy.sim.platform.qianfan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.InvalidBody;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.Require;
import io.modeldeploy.sim.platform.http.Router;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v2/service?Action=<Action>}: the Actions vendors.md §3 lists, by name. Stop, Start and Delete are not
 * published, so they are unknown Actions here too (400 {@code InvalidAction}); the published DescribeServiceMetric
 * and DescribePresetServices are not simulated (501 {@code NotImplemented}).
 */
final class QianfanActions {
    static final String PATH = "/v2/service";
    private static final Set<String> PUBLISHED_NOT_SIMULATED = Set.of("DescribeServiceMetric", "DescribePresetServices");
    private static final Set<String> REGIONS = Set.of("bj", "bd", "gz", "su", "nj");
    private static final int DEFAULT_MAX_KEYS = 10;
    private static final int MAX_MAX_KEYS = 1000;

    private final QianfanStore store;
    private final QianfanViews views;
    private volatile boolean errorsWithStatus200;

    QianfanActions(QianfanStore store, QianfanViews views) {
        this.store = store;
        this.views = views;
    }

    void register(Router router) {
        router.guarded("POST", PATH, r -> r.query("Action").orElse("unmatched"), this::answer);
    }

    /**
     * true: an Action's error, not-found included, comes in the documented shape {@code {requestId, code, message}}
     * with HTTP 200. The page documents the shape, not the status, so a client must read it from the body either way.
     */
    void errorsWithStatus200(boolean on) {
        errorsWithStatus200 = on;
    }

    private SimResponse answer(SimRequest request) {
        SimResponse response;
        try {
            response = dispatch(request);
        } catch (io.modeldeploy.sim.platform.http.SimError e) {
            response = e.response();
        }
        if (errorsWithStatus200 && response.status() >= 400) {
            return new SimResponse(200, response.headers(), response.body(), response.contentType());
        }
        return response;
    }

    private SimResponse dispatch(SimRequest request) {
        String action = request.query("Action").orElse("");
        if (action.isEmpty()) {
            return QianfanErrors.failure(400, "InvalidAction", "the Action query parameter is required");
        }
        if (PUBLISHED_NOT_SIMULATED.contains(action)) {
            return QianfanErrors.failure(501, "NotImplemented", "SIMULATED Qianfan does not simulate " + action);
        }
        ObjectNode body = request.jsonObject();
        return switch (action) {
            case "CreateService" -> create(body);
            case "DescribeService" -> describe(body);
            case "DescribeServices" -> list(body);
            case "ScaleService" -> scale(body);
            case "ModifyService" -> modify(body);
            default -> QianfanErrors.failure(400, "InvalidAction", "Action " + action + " does not exist");
        };
    }

    private SimResponse create(ObjectNode body) {
        Require.text(body, "modelSetId");
        Require.text(body, "modelId");
        String name = Require.text(body, "name");
        int nameLength = name.codePointCount(0, name.length());
        if (nameLength < 2 || nameLength > 20) {
            throw InvalidBody.invalid("name must be 2 to 20 characters");
        }
        boolean pool = body.has("resourceConfig");
        boolean units = body.has("deploymentConfig");
        if (pool == units) {
            throw InvalidBody.invalid("exactly one of resourceConfig and deploymentConfig is required");
        }
        if (pool) {
            checkResourcePool(body);
        } else {
            checkComputeUnits(body);
        }
        int protocolVersion = protocolVersion(body, 1);
        QianfanDeployment service = store.create(body, name, protocolVersion);
        ObjectNode result = Json.object();
        result.put("serviceId", service.serviceId);
        result.put("instanceId", service.units.keySet().iterator().next());
        return QianfanErrors.ok(result);
    }

    private SimResponse describe(ObjectNode body) {
        QianfanDeployment service = store.find(Require.text(body, "serviceId"))
                .orElseThrow(() -> QianfanErrors.error(404, "ResourceNotFound",
                        "service " + body.path("serviceId").asText() + " does not exist"));
        return QianfanErrors.ok(views.describe(service, protocolVersion(body, service.protocolVersion)));
    }

    /**
     * DescribeServices with marker paging (a service id; the page starts after it). The result's schema is not
     * public: the simulator answers {@code {pageInfo:{marker, maxKeys, isTruncated, nextMarker}, serviceList:[…]}}.
     */
    private SimResponse list(ObjectNode body) {
        int maxKeys = (int) Json.number(body, "maxKeys").orElse((long) DEFAULT_MAX_KEYS).longValue();
        if (maxKeys < 1 || maxKeys > MAX_MAX_KEYS) {
            throw InvalidBody.invalid("maxKeys must be 1 to " + MAX_MAX_KEYS);
        }
        String name = Json.text(body, "name").orElse("");
        List<String> runStatuses = Json.texts(body, "runStatus").orElse(List.of());
        List<QianfanDeployment> services = new ArrayList<>(store.all()); // creation order
        if (body.path("pageReverse").asBoolean(false)) {
            Collections.reverse(services);
        }
        services.removeIf(s -> !s.name.contains(name)
                || (!runStatuses.isEmpty() && !runStatuses.contains(store.runStatus(s))));
        String marker = Json.text(body, "marker").orElse("");
        int from = 0;
        if (!marker.isEmpty()) {
            for (int i = 0; i < services.size(); i++) {
                if (services.get(i).serviceId.equals(marker)) {
                    from = i + 1;
                }
            }
        }
        int to = Math.min(services.size(), from + maxKeys);
        ObjectNode result = Json.object();
        ObjectNode page = result.putObject("pageInfo");
        page.put("marker", marker);
        page.put("maxKeys", maxKeys);
        page.put("isTruncated", to < services.size());
        page.put("nextMarker", to < services.size() ? services.get(to - 1).serviceId : "");
        ArrayNode list = result.putArray("serviceList");
        services.subList(Math.min(from, to), to).forEach(s -> list.add(views.summary(s, s.protocolVersion)));
        return QianfanErrors.ok(result);
    }

    private SimResponse scale(ObjectNode body) {
        String serviceId = Require.text(body, "serviceId");
        String unitId = Require.text(body, "instanceId");
        long replicas = Require.number(body, "deploymentReplicasCount");
        if (replicas < 0) {
            throw InvalidBody.invalid("deploymentReplicasCount must not be negative");
        }
        store.scale(serviceId, unitId, (int) replicas);
        return QianfanErrors.okTrue();
    }

    private SimResponse modify(ObjectNode body) {
        store.modify(Require.text(body, "serviceId"), Require.text(body, "modelSetId"), Require.text(body, "modelId"));
        return QianfanErrors.okTrue();
    }

    private static void checkResourcePool(ObjectNode body) {
        String region = Require.text(body, "resourceConfig.region");
        if (!REGIONS.contains(region)) {
            throw InvalidBody.invalid("resourceConfig.region must be one of " + REGIONS);
        }
        Require.text(body, "resourceConfig.type");
        if (Require.number(body, "resourceConfig.replicasCount") < 1) {
            throw InvalidBody.invalid("resourceConfig.replicasCount must be at least 1");
        }
        Require.oneOf(body, "billing.paymentTiming", "Prepaid", "Postpaid");
    }

    private static void checkComputeUnits(ObjectNode body) {
        JsonNode list = body.path("deploymentConfig").path("deploymentComputeUnitList");
        if (!list.isArray() || list.isEmpty()) {
            throw InvalidBody.invalid("deploymentConfig.deploymentComputeUnitList must list at least one unit");
        }
        for (JsonNode unit : list) {
            Require.text(unit, "instanceId");
            if (Require.number(unit, "deploymentReplicasCount") < 1) {
                throw InvalidBody.invalid("deploymentReplicasCount must be at least 1");
            }
        }
    }

    private static int protocolVersion(ObjectNode body, int fallback) {
        long version = Json.number(body, "protocolVersion").orElse((long) fallback);
        if (version != 1 && version != 2) {
            throw InvalidBody.invalid("protocolVersion must be 1 or 2");
        }
        return (int) version;
    }
}
