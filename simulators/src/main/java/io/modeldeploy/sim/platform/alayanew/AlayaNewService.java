package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one SIMULATED Alaya NeW service, for test assertions.
 *
 * @param mode          {@code quickStart}, {@code expert} or {@code lora}
 * @param status        the {@code status} the API reports now (spelling per {@link AlayaNewQuirks})
 * @param baseServiceId the base of a LoRA service, null for a base service
 * @param request       the create (or last offline-update) body as the client sent it
 */
public record AlayaNewService(String serviceId, String mode, String name, String vksId, String namespace,
                              String status, String serviceUrl, String apiKey, String baseServiceId,
                              List<String> servedName, String modelId, List<Instance> instances, JsonNode request,
                              Instant createdAt) {

    /** One instance of a base service, as {@code instance[]} reports it. */
    public record Instance(String instanceId, boolean baseModelReady, List<String> loraModels) {
    }

    public boolean isLora() {
        return "lora".equals(mode);
    }
}
