package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders simulated services in Alaya NeW's field names: the detail of {@code GET /deployment/{id}}, the rows of
 * {@code GET /deployment/list}, and the test-facing {@link AlayaNewService}. Field spellings follow the docs'
 * examples, {@code backenArgs} (sic) included.
 *
 * <p>Rendering holds the store's lock, so a service is never read half-way through a change.
 */
final class AlayaNewViews {
    private final AlayaNewStore store;
    private final AlayaNewQuirks quirks;

    AlayaNewViews(AlayaNewStore store, AlayaNewQuirks quirks) {
        this.store = store;
        this.quirks = quirks;
    }

    ObjectNode detail(AlayaDeployment deployment) {
        synchronized (store) {
            ObjectNode out = Json.object();
            if (deployment.isLora()) {
                out.put("serviceId", deployment.serviceId);
                out.put("status", status(deployment));
                out.put("serviceUrl", deployment.serviceUrl);
                out.put(quirks.loraDetailEnveloped() ? quirks.apiKeyField() : "apiKey", deployment.apiKey);
                out.put("baseServiceId", deployment.baseServiceId());
                out.put("namespace", baseField(deployment, "namespace"));
                copy(deployment.spec, out, "modelId", "name");
                if (quirks.loraDetailEnveloped()) {
                    copy(deployment.spec, out, "servedName");
                } else {
                    // The published LoRA example: servedName a string, although the create sends a list.
                    out.put("servedName", String.join(",", deployment.servedNames()));
                }
                return out;
            }
            if (quirks.detailWithServiceId()) {
                out.put("serviceId", deployment.serviceId);
            }
            out.put("status", status(deployment));
            out.put("serviceUrl", deployment.serviceUrl);
            out.put(quirks.apiKeyField(), deployment.apiKey);
            ArrayNode instances = out.putArray("instance");
            for (AlayaNewService.Instance instance : instances(deployment)) {
                ObjectNode node = instances.addObject();
                node.put("instanceId", instance.instanceId());
                node.set("loraModels", Json.array(instance.loraModels()));
                node.put("baseModelReady", instance.baseModelReady());
            }
            copy(deployment.spec, out, "vksId", "namespace", "name", "servedName", "modelId");
            out.put("mode", deployment.mode.detailName);
            if (deployment.mode == AlayaDeployment.Mode.QUICK_START) {
                ObjectNode quickStart = out.putObject("quickStart");
                copy(deployment.spec, quickStart, "backend", "backendVersion");
                quickStart.set("backenArgs", deployment.spec.path("backendArgs").deepCopy());
                copy(deployment.spec, quickStart, "resource");
            } else {
                ObjectNode expert = out.putObject("expert");
                copy(deployment.spec, expert, "headConfig", "workerConfig", "extensions");
                expert.set("scale", deployment.scale == null ? null : deployment.scale.deepCopy());
            }
            return out;
        }
    }

    ObjectNode row(AlayaDeployment deployment) {
        synchronized (store) {
            ObjectNode out = Json.object();
            out.put("serviceId", deployment.serviceId);
            out.put("serviceUrl", deployment.serviceUrl);
            out.put(quirks.apiKeyField(), deployment.apiKey);
            out.put("status", status(deployment));
            out.put("vksId", baseField(deployment, "vksId"));
            out.put("namespace", baseField(deployment, "namespace"));
            copy(deployment.spec, out, "name", "servedName", "modelId");
            out.put("type", deployment.isLora() ? "lora" : "base");
            return out;
        }
    }

    AlayaNewService snapshot(AlayaDeployment deployment) {
        synchronized (store) {
            return new AlayaNewService(deployment.serviceId, deployment.mode.detailName, deployment.name(),
                    baseField(deployment, "vksId"), baseField(deployment, "namespace"), status(deployment),
                    deployment.serviceUrl, deployment.apiKey, deployment.baseServiceId(), deployment.servedNames(),
                    Json.text(deployment.spec, "modelId").orElse(null),
                    deployment.isLora() ? List.of() : instances(deployment), deployment.spec.deepCopy(),
                    deployment.createdAt);
        }
    }

    String status(AlayaDeployment deployment) {
        return store.phase(deployment).status(quirks.legacyStatusSpelling());
    }

    private List<AlayaNewService.Instance> instances(AlayaDeployment deployment) {
        AlayaPhase phase = store.phase(deployment);
        if (!phase.hasInstances()) {
            return List.of();
        }
        boolean ready = phase == AlayaPhase.RUNNING;
        List<String> adapters = ready ? store.attachedAdapters(deployment) : List.of();
        List<AlayaNewService.Instance> out = new ArrayList<>();
        for (String id : deployment.instanceIds) {
            out.add(new AlayaNewService.Instance(id, ready, adapters));
        }
        return out;
    }

    /** A LoRA request carries no vksId or namespace: they come from its base, while the base exists. */
    private String baseField(AlayaDeployment deployment, String field) {
        if (!deployment.isLora()) {
            return Json.text(deployment.spec, field).orElse(null);
        }
        return store.find(deployment.baseServiceId())
                .flatMap(base -> Json.text(base.spec, field))
                .orElse(null);
    }

    private static void copy(ObjectNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            if (from.has(field)) {
                to.set(field, from.get(field).deepCopy());
            }
        }
    }
}
