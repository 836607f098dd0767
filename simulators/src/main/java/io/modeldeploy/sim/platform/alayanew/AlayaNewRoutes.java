package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.Router;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

import java.util.function.Consumer;

/** The documented Alaya NeW serverless-infer calls (vendors.md §1 table), and nothing else: no stop or start. */
final class AlayaNewRoutes {
    private final AlayaNewStore store;
    private final AlayaNewViews views;
    private final AlayaNewListQuery list;
    private final AlayaNewEnvelope envelope;
    private final AlayaNewQuirks quirks;

    AlayaNewRoutes(AlayaNewStore store, AlayaNewViews views, AlayaNewEnvelope envelope, AlayaNewQuirks quirks) {
        this.quirks = quirks;
        this.store = store;
        this.views = views;
        this.list = new AlayaNewListQuery(store, views);
        this.envelope = envelope;
    }

    /** Literal paths first: {@code /deployment/list} must win over {@code /deployment/{serviceId}}. */
    void register(Router router, String prefix) {
        String base = prefix + "/deployment";
        router.guarded("POST", base, "create", r -> create(r, AlayaDeployment.Mode.QUICK_START,
                        AlayaNewBodies::checkQuickStart))
                .guarded("POST", base + "/expert", "createExpert", r -> create(r, AlayaDeployment.Mode.EXPERT,
                        AlayaNewBodies::checkExpert))
                .guarded("POST", base + "/lora", "createLora", r -> create(r, AlayaDeployment.Mode.LORA,
                        AlayaNewBodies::checkLora))
                .guarded("GET", base + "/list", "list", r -> envelope.ok(list.run(r)))
                .guarded("PUT", base + "/expert/{serviceId}", "updateExpert", r -> updateOffline(r,
                        AlayaDeployment.Mode.EXPERT, AlayaNewBodies::checkExpert))
                .guarded("PUT", base + "/lora/{serviceId}", "updateLora", r -> updateOffline(r,
                        AlayaDeployment.Mode.LORA, AlayaNewBodies::checkLora))
                .guarded("PUT", base + "/{serviceId}/scale", "scale", this::scale)
                .guarded("POST", base + "/{serviceId}/cancel", "cancel", this::cancel)
                .guarded("GET", base + "/{serviceId}", "get", this::get)
                .guarded("PUT", base + "/{serviceId}", "update", r -> updateOffline(r,
                        AlayaDeployment.Mode.QUICK_START, AlayaNewBodies::checkQuickStart))
                .guarded("DELETE", base + "/{serviceId}", "delete", this::delete);
    }

    /**
     * QuickStart and Expert creates answer {@code {serviceId}}; a LoRA create answers {@code {}} as the docs' example
     * shows, so a client finds the LoRA service through the list.
     */
    private SimResponse create(SimRequest request, AlayaDeployment.Mode mode, Consumer<ObjectNode> check) {
        ObjectNode body = request.jsonObject();
        check.accept(body);
        AlayaDeployment created = store.create(mode, body);
        ObjectNode data = Json.object();
        if (mode != AlayaDeployment.Mode.LORA) {
            data.put("serviceId", created.serviceId);
        }
        return envelope.ok(data);
    }

    private SimResponse get(SimRequest request) {
        AlayaDeployment deployment = store.find(request.pathParam("serviceId"))
                .orElseThrow(() -> envelope.error(404, "service " + request.pathParam("serviceId") + " not found"));
        if (deployment.isLora() && !quirks.loraDetailEnveloped()) {
            // As the LoRA detail page shows it: the service itself, no envelope.
            return SimResponse.json(200, views.detail(deployment));
        }
        return envelope.ok(views.detail(deployment));
    }

    private SimResponse scale(SimRequest request) {
        String serviceId = request.pathParam("serviceId");
        ObjectNode scale = AlayaNewBodies.checkScaleRequest(request.jsonObject(), serviceId);
        store.scale(serviceId, scale);
        return envelope.ok(Json.object());
    }

    private SimResponse updateOffline(SimRequest request, AlayaDeployment.Mode mode, Consumer<ObjectNode> check) {
        ObjectNode body = request.jsonObject();
        check.accept(body);
        store.updateOffline(request.pathParam("serviceId"), mode, body);
        return envelope.ok(Json.object());
    }

    private SimResponse cancel(SimRequest request) {
        store.cancel(request.pathParam("serviceId"));
        return envelope.ok(Json.object());
    }

    private SimResponse delete(SimRequest request) {
        store.delete(request.pathParam("serviceId"));
        return envelope.ok(Json.object());
    }
}
