package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Faults;
import io.modeldeploy.sim.platform.http.Ids;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.http.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated Alaya services and what the documented calls do to them. Progress is read off each service's
 * {@link Timeline} at the current instant; a LoRA service's status also follows its base (vendors.md §1: the adapter
 * is attached when the base's instances list it).
 */
final class AlayaNewStore {
    private final Map<String, AlayaDeployment> deployments = new LinkedHashMap<>();
    private final SimOptions options;
    private final Faults faults;
    private final AlayaNewEnvelope envelope;
    /** Where services answer inference ({@link AlayaNewInference}); null: on hosts that never resolve. */
    private volatile String inferenceBase;

    AlayaNewStore(SimOptions options, Faults faults, AlayaNewEnvelope envelope) {
        this.options = options;
        this.faults = faults;
        this.envelope = envelope;
    }

    void answerInferenceAt(String base) {
        this.inferenceBase = base;
    }

    Instant now() {
        return options.clock().instant();
    }

    synchronized AlayaDeployment create(AlayaDeployment.Mode mode, ObjectNode spec) {
        String serviceUrl;
        String apiKey;
        if (mode == AlayaDeployment.Mode.LORA) {
            // The adapter is served by its base's engine, so it shares the base's URL and key.
            AlayaDeployment base = require(Json.text(spec, "baseServiceId").orElse(""));
            if (base.isLora()) {
                throw envelope.error(400, "baseServiceId must name a base service, not a LoRA service");
            }
            serviceUrl = base.serviceUrl;
            apiKey = base.apiKey;
        } else {
            serviceUrl = null;
            apiKey = "sk-sim-" + Ids.hex(32);
        }
        String serviceId = "svc-" + Ids.hex(16);
        if (serviceUrl == null) {
            serviceUrl = inferenceBase != null ? inferenceBase + "/" + serviceId
                    : "https://" + serviceId + ".serverless-infer.alayanew.sim.invalid";
        }
        AlayaDeployment deployment = new AlayaDeployment(serviceId, mode, now(), apiKey, serviceUrl, spec.deepCopy());
        if (mode == AlayaDeployment.Mode.EXPERT) {
            deployment.scale = ((ObjectNode) spec.get("scale")).deepCopy();
        }
        deployment.instanceIds = mode == AlayaDeployment.Mode.LORA ? List.of() : newInstances(deployment);
        deployment.timeline = deployTimeline(deployment);
        deployments.put(serviceId, deployment);
        return deployment;
    }

    synchronized Optional<AlayaDeployment> find(String serviceId) {
        return Optional.ofNullable(deployments.get(serviceId));
    }

    synchronized List<AlayaDeployment> all() {
        return List.copyOf(deployments.values());
    }

    /** Online update: new instances replace the old ones, which the base serves again once they load. */
    synchronized void scale(String serviceId, ObjectNode scale) {
        AlayaDeployment deployment = require(serviceId);
        if (deployment.isLora()) {
            throw envelope.error(400, "a LoRA service has no instances to scale");
        }
        AlayaPhase phase = phase(deployment);
        if (phase != AlayaPhase.RUNNING && phase != AlayaPhase.LOADING) {
            throw envelope.error(400, "online scaling needs a running service; this one is "
                    + phase.status(false));
        }
        deployment.scale = scale.deepCopy();
        deployment.instanceIds = newInstances(deployment);
        deployment.timeline = Timeline.starting(now(), AlayaPhase.LOADING)
                .then(options.transitionDelay(), AlayaPhase.RUNNING);
    }

    /** Offline update: allowed only once the service is stopped (or failed); it then deploys again. */
    synchronized void updateOffline(String serviceId, AlayaDeployment.Mode mode, ObjectNode spec) {
        AlayaDeployment deployment = require(serviceId);
        if (deployment.mode != mode) {
            throw envelope.error(400, "service " + serviceId + " is a " + deployment.mode.detailName
                    + " service; use its own update path");
        }
        AlayaPhase phase = phase(deployment);
        if (phase != AlayaPhase.STOPPED && phase != AlayaPhase.FAILED) {
            throw envelope.error(400, "an offline update needs the service stopped first; it is "
                    + phase.status(false));
        }
        if (mode == AlayaDeployment.Mode.LORA
                && !Json.text(spec, "baseServiceId").orElse("").equals(deployment.baseServiceId())) {
            throw envelope.error(400, "the baseServiceId of a LoRA service cannot change");
        }
        deployment.spec = spec.deepCopy();
        if (mode == AlayaDeployment.Mode.EXPERT) {
            deployment.scale = ((ObjectNode) spec.get("scale")).deepCopy();
        }
        if (!deployment.isLora()) {
            deployment.instanceIds = newInstances(deployment);
        }
        deployment.timeline = deployTimeline(deployment);
    }

    /** Cancel: takes the service down to {@code stopped} (the simulator's reading of an undocumented effect). */
    synchronized void cancel(String serviceId) {
        AlayaDeployment deployment = require(serviceId);
        AlayaPhase phase = deployment.timeline.at(now());
        if (phase == AlayaPhase.STOPPED || phase == AlayaPhase.STOPPING) {
            return;
        }
        deployment.timeline = Timeline.starting(now(), AlayaPhase.STOPPING)
                .then(options.transitionDelay(), AlayaPhase.STOPPED);
    }

    synchronized void delete(String serviceId) {
        require(serviceId);
        deployments.remove(serviceId);
    }

    /** The service's phase now; a LoRA service can be no further along than its base. */
    synchronized AlayaPhase phase(AlayaDeployment deployment) {
        AlayaPhase own = deployment.timeline.at(now());
        if (!deployment.isLora() || own != AlayaPhase.RUNNING) {
            return own;
        }
        AlayaDeployment base = deployments.get(deployment.baseServiceId());
        if (base == null) {
            return AlayaPhase.FAILED;
        }
        AlayaPhase basePhase = phase(base);
        return basePhase == AlayaPhase.LOADING ? AlayaPhase.STARTING : basePhase;
    }

    /** The servedNames of the LoRA services attached to this base now. */
    synchronized List<String> attachedAdapters(AlayaDeployment base) {
        List<String> names = new ArrayList<>();
        for (AlayaDeployment candidate : deployments.values()) {
            if (candidate.isLora() && base.serviceId.equals(candidate.baseServiceId())
                    && phase(candidate) == AlayaPhase.RUNNING) {
                names.addAll(candidate.servedNames());
            }
        }
        return names;
    }

    private AlayaDeployment require(String serviceId) {
        AlayaDeployment deployment = deployments.get(serviceId);
        if (deployment == null) {
            throw envelope.error(404, "service " + serviceId + " not found");
        }
        return deployment;
    }

    /**
     * Starting → running-but-loading halfway → running; or starting → failed when a fault says so. A LoRA service
     * skips the loading half: its readiness comes from the base.
     */
    private Timeline<AlayaPhase> deployTimeline(AlayaDeployment deployment) {
        Duration total = options.deployDelay();
        Timeline<AlayaPhase> start = Timeline.starting(now(), AlayaPhase.STARTING);
        if (faults.deploymentFails(deployment.name())) {
            return start.then(total, AlayaPhase.FAILED);
        }
        if (deployment.isLora()) {
            return start.then(total, AlayaPhase.RUNNING);
        }
        Duration half = total.dividedBy(2);
        return start.then(half, AlayaPhase.LOADING).then(total.minus(half), AlayaPhase.RUNNING);
    }

    /** One instance per {@code scale.min} (at least one: nothing drives scale-to-zero in the simulator). */
    private static List<String> newInstances(AlayaDeployment deployment) {
        long count = deployment.scale == null ? 1 : Math.max(1, Json.number(deployment.scale, "min").orElse(1L));
        List<String> ids = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            ids.add("ins-" + Ids.hex(12));
        }
        return List.copyOf(ids);
    }
}
