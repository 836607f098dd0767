package io.modeldeploy.sim.platform.qianfan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Faults;
import io.modeldeploy.sim.platform.http.Ids;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.http.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated Qianfan services and what CreateService, ScaleService and ModifyService do to them
 * (vendors.md §3). There is no delete: Qianfan publishes none, so a service lives as long as the simulator.
 */
final class QianfanStore {
    private final Map<String, QianfanDeployment> services = new LinkedHashMap<>();
    private final SimOptions options;
    private final Faults faults;

    QianfanStore(SimOptions options, Faults faults) {
        this.options = options;
        this.faults = faults;
    }

    Instant now() {
        return options.clock().instant();
    }

    /** A new service: {@code New} for the first fifth of the deploy delay, {@code Deploying}, then {@code Serving}. */
    synchronized QianfanDeployment create(ObjectNode body, String name, int protocolVersion) {
        String urlSuffix = Json.text(body, "urlSuffix").orElse("sim-" + Ids.hex(10));
        boolean suffixTaken = services.values().stream().anyMatch(s -> s.urlSuffix.equals(urlSuffix));
        if (suffixTaken) {
            throw QianfanErrors.error(400, "InappropriateJSON", "urlSuffix " + urlSuffix + " is already used");
        }
        QianfanDeployment service = new QianfanDeployment("svco-" + Ids.hex(12), name, urlSuffix, protocolVersion,
                now(), body.deepCopy());
        service.modelSetId = Json.text(body, "modelSetId").orElseThrow();
        service.modelId = Json.text(body, "modelId").orElseThrow();
        Optional<ObjectNode> deploymentConfig = Json.object(body, "deploymentConfig");
        if (deploymentConfig.isPresent()) {
            for (JsonNode unit : deploymentConfig.get().path("deploymentComputeUnitList")) {
                service.units.put(unit.path("instanceId").asText(), unit.path("deploymentReplicasCount").asInt());
            }
        } else {
            // The public resource pool has no compute unit of the client's: one stands in for it, so ScaleService works.
            int replicas = (int) Json.number(body.get("resourceConfig"), "replicasCount").orElse(1L).longValue();
            service.units.put("unit-" + Ids.hex(12), replicas);
        }
        service.runStatus = deployTimeline(name);
        service.scaleStatus = Timeline.starting(now(), QianfanDeployment.NONE);
        service.updateStatus = Timeline.starting(now(), QianfanDeployment.NONE);
        services.put(service.serviceId, service);
        return service;
    }

    /** Test hook: what a user deleting the service in the Qianfan console does (no API publishes it). */
    synchronized boolean removeAsConsole(String serviceId) {
        return services.remove(serviceId) != null;
    }

    synchronized Optional<QianfanDeployment> find(String serviceId) {
        return Optional.ofNullable(services.get(serviceId));
    }

    synchronized List<QianfanDeployment> all() {
        return List.copyOf(services.values());
    }

    synchronized String runStatus(QianfanDeployment service) {
        return service.runStatus.at(now());
    }

    /**
     * ScaleService on one compute unit. Scaling every unit to 0 stops the service (the doc's example uses 0);
     * scaling a stopped service up deploys it again.
     */
    synchronized void scale(String serviceId, String unitId, int replicas) {
        QianfanDeployment service = require(serviceId);
        String status = runStatus(service);
        if (!status.equals(QianfanDeployment.SERVING) && !status.equals(QianfanDeployment.STOPPED)) {
            throw QianfanErrors.error(400, "OperationNotAllowed",
                    "service " + serviceId + " can be scaled only when Serving or Stopped, it is " + status);
        }
        if (!service.units.containsKey(unitId)) {
            throw QianfanErrors.error(404, "ResourceNotFound",
                    "compute unit " + unitId + " is not used by service " + serviceId);
        }
        service.units.put(unitId, replicas);
        Duration transition = options.transitionDelay();
        service.scaleStatus = Timeline.starting(now(), "Scaling").then(transition, QianfanDeployment.NONE);
        if (service.replicas() == 0) {
            service.runStatus = Timeline.starting(now(), status).then(transition, QianfanDeployment.STOPPED);
        } else if (status.equals(QianfanDeployment.STOPPED)) {
            service.runStatus = deployTimeline(service.name);
        }
    }

    /** ModifyService: switches the model version; {@code isModelUpdating} for the transition delay. */
    synchronized void modify(String serviceId, String modelSetId, String modelId) {
        QianfanDeployment service = require(serviceId);
        String status = runStatus(service);
        if (!status.equals(QianfanDeployment.SERVING)) {
            throw QianfanErrors.error(400, "OperationNotAllowed",
                    "service " + serviceId + " can be modified only when Serving, it is " + status);
        }
        service.modelSetId = modelSetId;
        service.modelId = modelId;
        service.updateStatus = Timeline.starting(now(), "Updating")
                .then(options.transitionDelay(), QianfanDeployment.NONE);
    }

    private QianfanDeployment require(String serviceId) {
        QianfanDeployment service = services.get(serviceId);
        if (service == null) {
            throw QianfanErrors.error(404, "ResourceNotFound", "service " + serviceId + " does not exist");
        }
        return service;
    }

    private Timeline<String> deployTimeline(String name) {
        Duration total = options.deployDelay();
        Duration pending = total.dividedBy(5);
        String end = faults.deploymentFails(name) ? QianfanDeployment.FAILED : QianfanDeployment.SERVING;
        return Timeline.starting(now(), QianfanDeployment.NEW)
                .then(pending, QianfanDeployment.DEPLOYING)
                .then(total.minus(pending), end);
    }
}
