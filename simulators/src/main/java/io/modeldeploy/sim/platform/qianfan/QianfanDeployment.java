package io.modeldeploy.sim.platform.qianfan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Timeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One simulated Qianfan custom service, mutable under the {@link QianfanStore}'s lock. */
final class QianfanDeployment {
    static final String NEW = "New";
    static final String DEPLOYING = "Deploying";
    static final String SERVING = "Serving";
    static final String FAILED = "Failed";
    static final String STOPPED = "Stopped";
    static final String NONE = "None";

    final String serviceId;
    final String name;
    final String urlSuffix;
    final int protocolVersion;
    final Instant createdAt;
    /** The CreateService body as received. */
    final ObjectNode request;
    String modelSetId;
    String modelId;
    /** Compute unit id → replicas on it, in creation order. */
    final Map<String, Integer> units = new LinkedHashMap<>();
    Timeline<String> runStatus;
    Timeline<String> scaleStatus;
    Timeline<String> updateStatus;

    QianfanDeployment(String serviceId, String name, String urlSuffix, int protocolVersion, Instant createdAt,
                      ObjectNode request) {
        this.serviceId = serviceId;
        this.name = name;
        this.urlSuffix = urlSuffix;
        this.protocolVersion = protocolVersion;
        this.createdAt = createdAt;
        this.request = request;
    }

    int replicas() {
        return units.values().stream().mapToInt(Integer::intValue).sum();
    }
}
