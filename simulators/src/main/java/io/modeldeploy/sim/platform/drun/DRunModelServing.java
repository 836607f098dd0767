package io.modeldeploy.sim.platform.drun;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A snapshot of one SIMULATED d.run ModelServing, for test assertions.
 *
 * @param status  the {@code status} the API reports now
 * @param request the create body as the client sent it
 */
public record DRunModelServing(String id, String name, String status, int replicas, String accessModelName,
                               String address, JsonNode request, Instant creationTimestamp) {
}
