package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.Timeline;

import java.time.Instant;
import java.util.List;

/** One simulated Alaya service (base or LoRA), mutable under the {@link AlayaNewStore}'s lock. */
final class AlayaDeployment {
    enum Mode {
        QUICK_START("quickStart", "quickstart"),
        EXPERT("expert", "expert"),
        LORA("lora", "lora");

        /** The value of the detail's {@code mode} field. */
        final String detailName;
        /** The value the list's {@code model} filter takes. */
        final String filterName;

        Mode(String detailName, String filterName) {
            this.detailName = detailName;
            this.filterName = filterName;
        }
    }

    final String serviceId;
    final Mode mode;
    final Instant createdAt;
    final String apiKey;
    final String serviceUrl;
    /** The create (or later offline-update) body as received. */
    ObjectNode spec;
    /** The latest {@code scale} block (Expert create or online scale); null until one exists. */
    ObjectNode scale;
    List<String> instanceIds;
    Timeline<AlayaPhase> timeline;

    AlayaDeployment(String serviceId, Mode mode, Instant createdAt, String apiKey, String serviceUrl, ObjectNode spec) {
        this.serviceId = serviceId;
        this.mode = mode;
        this.createdAt = createdAt;
        this.apiKey = apiKey;
        this.serviceUrl = serviceUrl;
        this.spec = spec;
    }

    String name() {
        return Json.text(spec, "name").orElse("");
    }

    String baseServiceId() {
        return Json.text(spec, "baseServiceId").orElse(null);
    }

    List<String> servedNames() {
        return Json.texts(spec, "servedName").orElse(List.of());
    }

    boolean isLora() {
        return mode == Mode.LORA;
    }
}
