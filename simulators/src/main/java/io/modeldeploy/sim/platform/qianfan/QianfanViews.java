package io.modeldeploy.sim.platform.qianfan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;

import java.time.Instant;
import java.util.Map;

/**
 * Renders simulated services as DescribeService / DescribeServices results. {@code url} keeps Qianfan's v1 shape (the
 * {@code ai_custom} chat URL with the suffix) on a {@code *.sim.invalid} host, which never resolves: no inference is
 * simulated. A v2 client calls the account-wide OpenAI base with {@code model = urlSuffix}.
 *
 * <p>Rendering holds the store's lock, so a service is never read half-way through a change.
 */
final class QianfanViews {
    private final QianfanStore store;

    QianfanViews(QianfanStore store) {
        this.store = store;
    }

    /** DescribeService's result, for the protocol version asked (urlSuffix only for v2). */
    ObjectNode describe(QianfanDeployment service, int protocolVersion) {
        synchronized (store) {
            Instant now = store.now();
            String runStatus = store.runStatus(service);
            ObjectNode out = summary(service, protocolVersion);
            out.put("description", Json.text(service.request, "description").orElse(""));
            out.put("updateStatus", service.updateStatus.at(now));
            out.put("scaleStatus", service.scaleStatus.at(now));
            out.put("isModelUpdating", !QianfanDeployment.NONE.equals(service.updateStatus.at(now)));
            Json.object(service.request, "resourceConfig").ifPresent(config -> {
                ObjectNode copy = config.deepCopy();
                copy.put("replicasCount", service.replicas());
                out.set("resourceConfig", copy);
            });
            Json.object(service.request, "billing").ifPresent(billing -> out.set("billing", billing.deepCopy()));
            ObjectNode deployment = Json.object(service.request, "deploymentConfig")
                    .map(ObjectNode::deepCopy).orElseGet(Json::object);
            deployment.put("replicasCount", service.replicas());
            ArrayNode units = deployment.putArray("deploymentComputeUnitList");
            for (Map.Entry<String, Integer> unit : service.units.entrySet()) {
                units.addObject()
                        .put("instanceId", unit.getKey())
                        .put("deploymentReplicasCount", unit.getValue())
                        .put("status", runStatus);
            }
            out.set("deploymentConfig", deployment);
            return out;
        }
    }

    /** One DescribeServices entry. */
    ObjectNode summary(QianfanDeployment service, int protocolVersion) {
        synchronized (store) {
            ObjectNode out = Json.object();
            out.put("serviceId", service.serviceId);
            out.put("name", service.name);
            out.put("modelSetId", service.modelSetId);
            out.put("modelId", service.modelId);
            out.put("runStatus", store.runStatus(service));
            out.put("protocolVersion", protocolVersion);
            // url is the service's own (version-1) address in both protocols, as the page's example shows one
            // (http://as***); urlSuffix, the v2 model value, is answered only to protocolVersion 2.
            out.put("url", "https://aip.sim.invalid/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/" + service.urlSuffix);
            if (protocolVersion == 2) {
                out.put("urlSuffix", service.urlSuffix);
            }
            out.put("createTime", service.createdAt.toString());
            return out;
        }
    }

    QianfanService snapshot(QianfanDeployment service) {
        synchronized (store) {
            return new QianfanService(service.serviceId, service.name, service.urlSuffix, service.protocolVersion,
                    service.modelSetId, service.modelId, store.runStatus(service), Map.copyOf(service.units),
                    service.request.deepCopy(), service.createdAt);
        }
    }
}
