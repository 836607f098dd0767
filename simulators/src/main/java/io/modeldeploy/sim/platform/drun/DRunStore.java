package io.modeldeploy.sim.platform.drun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Faults;
import io.modeldeploy.sim.platform.http.Ids;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.http.Timeline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The simulated ModelServings and what the Hydra calls of vendors.md §4 do to them. */
final class DRunStore {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Map<String, DRunServing> servings = new LinkedHashMap<>();
    private final SimOptions options;
    private final Faults faults;
    /** Where servings answer inference ({@link DRunInference}) and the API key it accepts; unset: never. */
    private volatile String inferenceBase;
    private volatile String inferenceKey;

    DRunStore(SimOptions options, Faults faults) {
        this.options = options;
        this.faults = faults;
    }

    void answerInference(String base, String apiKey) {
        this.inferenceKey = apiKey;
        this.inferenceBase = base;
    }

    Optional<String> inferenceBase() {
        return Optional.ofNullable(inferenceBase);
    }

    Optional<String> inferenceKey() {
        return Optional.ofNullable(inferenceKey);
    }

    Instant now() {
        return options.clock().instant();
    }

    /**
     * A new ModelServing, {@code DEPLOYING} until the deploy delay has passed. Names are unique per user (the
     * inference model name is {@code <namespace>/<name>}), so a second one is 409 {@code ALREADY_EXISTS}.
     */
    synchronized DRunServing create(ObjectNode body) {
        settle();
        String name = Json.text(body, "name").orElseThrow(() -> DRunErrors.invalid("name is required"));
        if (!NAME.matcher(name).matches() || name.length() > 63) {
            throw DRunErrors.invalid("name must be lowercase letters, digits and '-', starting with a letter");
        }
        for (String field : List.of("modelId", "region", "skuId")) {
            if (Json.text(body, field).isEmpty()) {
                throw DRunErrors.invalid(field + " is required");
            }
        }
        long replicas = Json.number(body, "replicas").orElse(0L);
        if (replicas < 1) {
            throw DRunErrors.invalid("replicas must be at least 1");
        }
        String payment = Json.text(body, "paymentMethods").orElse("PAY_AS_YOU_GO");
        if (!payment.equals("PAY_AS_YOU_GO")) {
            throw DRunErrors.invalid("paymentMethods must be PAY_AS_YOU_GO");
        }
        if (servings.values().stream().anyMatch(s -> s.name.equals(name))) {
            throw DRunErrors.error(409, "ALREADY_EXISTS", "model serving " + name + " already exists");
        }
        DRunServing serving = new DRunServing(Ids.uuid(), name, now(), body.deepCopy(), (int) replicas);
        serving.status = deployTimeline(name);
        servings.put(serving.id, serving);
        return serving;
    }

    synchronized Optional<DRunServing> find(String id) {
        settle();
        return Optional.ofNullable(servings.get(id));
    }

    synchronized List<DRunServing> all() {
        settle();
        return List.copyOf(servings.values());
    }

    synchronized String status(DRunServing serving) {
        return serving.status.at(now());
    }

    /** {@code PATCH …/replicas}: {@code SCALING} for the transition delay, serving all along. */
    synchronized DRunServing scale(String id, long replicas) {
        DRunServing serving = require(id);
        String status = status(serving);
        if (!status.equals(DRunServing.RUNNING) && !status.equals(DRunServing.SCALING)) {
            throw DRunErrors.precondition("model serving " + id + " can be scaled only when RUNNING, it is " + status);
        }
        if (replicas < 1) {
            throw DRunErrors.invalid("replicas must be at least 1; use the STOP action to stop");
        }
        serving.replicas = (int) replicas;
        serving.status = Timeline.starting(now(), DRunServing.SCALING)
                .then(options.transitionDelay(), DRunServing.RUNNING);
        return serving;
    }

    /** STOP is immediate (the enum has no STOPPING); START deploys again. Repeating either changes nothing. */
    synchronized DRunServing act(String id, String action) {
        DRunServing serving = require(id);
        String status = status(serving);
        if (status.equals(DRunServing.DELETING)) {
            throw DRunErrors.precondition("model serving " + id + " is being deleted");
        }
        switch (action) {
            case "STOP" -> {
                if (!status.equals(DRunServing.STOPPED)) {
                    serving.status = Timeline.starting(now(), DRunServing.STOPPED);
                }
            }
            case "START" -> {
                if (status.equals(DRunServing.STOPPED) || status.equals(DRunServing.FAILED)) {
                    serving.status = deployTimeline(serving.name);
                }
            }
            default -> throw DRunErrors.invalid("action must be START or STOP, not " + action);
        }
        return serving;
    }

    /** {@code DELETING} until the delete delay has passed, then gone (404). */
    synchronized DRunServing delete(String id) {
        DRunServing serving = require(id);
        if (serving.deleteAt == null) {
            serving.deleteAt = now().plus(options.deleteDelay());
            serving.status = Timeline.starting(now(), DRunServing.DELETING);
        }
        return serving;
    }

    private DRunServing require(String id) {
        settle();
        DRunServing serving = servings.get(id);
        if (serving == null) {
            throw DRunErrors.notFound(id);
        }
        return serving;
    }

    private Timeline<String> deployTimeline(String name) {
        String end = faults.deploymentFails(name) ? DRunServing.FAILED : DRunServing.RUNNING;
        return Timeline.starting(now(), DRunServing.DEPLOYING).then(options.deployDelay(), end);
    }

    /** Deleted servings whose time has come disappear; every access calls this first, so no thread is needed. */
    private void settle() {
        Instant now = now();
        servings.values().removeIf(s -> s.deleteAt != null && !now.isBefore(s.deleteAt));
    }
}
