package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.Router;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;
import io.modeldeploy.sim.platform.http.SimulatedCompletion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * A running service's OpenAI-compatible endpoint, as clients reach it with the service's key in the header
 * {@code apiKey: <key>} (vendors.md section 1). Served only once the simulator is told to answer inference: its
 * services' URLs then point here instead of at hosts that never resolve. The answer is a fixed, small chat or text
 * completion naming the service; what matters to a test is that the vendor's own key header is required.
 */
final class AlayaNewInference {
    static final String PREFIX = "/inference";

    private final AlayaNewStore store;

    AlayaNewInference(AlayaNewStore store) {
        this.store = store;
    }

    void register(Router router) {
        router.open("POST", PREFIX + "/{serviceId}/v1/chat/completions", "inference", r -> answer(r, true));
        router.open("POST", PREFIX + "/{serviceId}/v1/completions", "inference", r -> answer(r, false));
    }

    private SimResponse answer(SimRequest request, boolean chat) {
        Optional<AlayaDeployment> service = store.find(request.pathParam("serviceId"));
        if (service.isEmpty() || store.phase(service.get()) != AlayaPhase.RUNNING) {
            return SimResponse.json(404, error("service is not running"));
        }
        String presented = request.header("apiKey").orElse("");
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                service.get().apiKey.getBytes(StandardCharsets.UTF_8))) {
            return SimResponse.json(401, error("invalid apiKey"));
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.bodyText());
        } catch (IOException e) {
            return SimResponse.json(400, error("body is not JSON"));
        }
        ObjectNode out = SimulatedCompletion.of(body, chat, "alaya-" + service.get().serviceId,
                "[simulated alayanew " + service.get().serviceId + "]");
        return SimResponse.json(200, out);
    }

    private static ObjectNode error(String message) {
        return Json.object().put("code", 1).put("msg", message);
    }
}
