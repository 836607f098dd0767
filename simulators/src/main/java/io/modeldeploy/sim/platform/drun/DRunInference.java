package io.modeldeploy.sim.platform.drun;

import com.fasterxml.jackson.databind.JsonNode;
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
 * d.run's OpenAI-compatible inference as vendors.md §4 describes it: {@code POST <region address>/v1/chat/completions}
 * with {@code Authorization: Bearer <API key>} and {@code model = accessModelName}. The API key is an account's
 * inference key (managed at {@code /apikeys}, not simulated), never the management access key: the simulator is told
 * which one it accepts. Served only once told to answer inference; addresses then point here.
 */
final class DRunInference {
    static final String PREFIX = "/inference";

    private final DRunStore store;
    private final DRunViews views;

    DRunInference(DRunStore store, DRunViews views) {
        this.store = store;
        this.views = views;
    }

    void register(Router router) {
        router.open("POST", PREFIX + "/{region}/v1/chat/completions", "inference", r -> answer(r, true));
        router.open("POST", PREFIX + "/{region}/v1/completions", "inference", r -> answer(r, false));
    }

    private SimResponse answer(SimRequest request, boolean chat) {
        Optional<String> apiKey = store.inferenceKey();
        String presented = request.header("Authorization").map(String::trim).orElse("");
        if (apiKey.isEmpty() || !presented.regionMatches(true, 0, "Bearer ", 0, 7) || !MessageDigest.isEqual(
                presented.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                apiKey.get().getBytes(StandardCharsets.UTF_8))) {
            return DRunErrors.failure(401, "UNAUTHENTICATED", "invalid API key");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.bodyText());
        } catch (IOException e) {
            return DRunErrors.failure(400, "INVALID_ARGUMENT", "body is not JSON");
        }
        String region = request.pathParam("region");
        String model = body.path("model").asText();
        Optional<DRunServing> serving = store.all().stream()
                .filter(s -> views.accessModelName(s).equals(model))
                .filter(s -> Json.text(s.request, "region").orElse("").equals(region))
                .filter(s -> store.status(s).equals(DRunServing.RUNNING) || store.status(s).equals(DRunServing.SCALING))
                .findFirst();
        if (serving.isEmpty()) {
            return DRunErrors.failure(404, "NOT_FOUND", "no running model serving " + model + " in " + region);
        }
        return SimResponse.json(200, SimulatedCompletion.of(body, chat, "drun-" + serving.get().id,
                "[simulated d.run " + model + "]"));
    }
}
