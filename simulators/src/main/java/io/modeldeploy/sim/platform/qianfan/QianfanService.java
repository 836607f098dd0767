package io.modeldeploy.sim.platform.qianfan;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of one SIMULATED Qianfan custom service, for test assertions.
 *
 * @param runStatus the {@code runStatus} DescribeService reports now
 * @param units     compute unit id → replicas on it
 * @param request   the CreateService body as the client sent it
 */
public record QianfanService(String serviceId, String name, String urlSuffix, int protocolVersion, String modelSetId,
                             String modelId, String runStatus, Map<String, Integer> units, JsonNode request,
                             Instant createdAt) {

    public int replicas() {
        return units.values().stream().mapToInt(Integer::intValue).sum();
    }
}
