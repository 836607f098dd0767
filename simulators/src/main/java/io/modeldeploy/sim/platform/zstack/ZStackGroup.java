package io.modeldeploy.sim.platform.zstack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A snapshot of one SIMULATED ZStack model-service instance group, for test assertions.
 *
 * @param modelServiceUuid the template it was deployed from
 * @param deleting         deleted, still visible until the delete delay has passed
 * @param request          the DeployModelService parameters as the client sent them
 * @param url              its (only) instance's {@code url}, on the never-routed 192.0.2.0/24 documentation range
 */
public record ZStackGroup(String uuid, String name, String status, String modelServiceUuid, boolean deleting,
                          String url, JsonNode request) {
}
