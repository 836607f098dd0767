package io.modeldeploy.sim.platform.zstack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A snapshot of one SIMULATED ZStack model-service template (what AddModelService registers).
 *
 * @param request the AddModelService parameters as sent
 */
public record ZStackTemplate(String uuid, String name, JsonNode request) {
}
