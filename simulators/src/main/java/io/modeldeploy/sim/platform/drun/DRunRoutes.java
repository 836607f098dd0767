package io.modeldeploy.sim.platform.drun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.Router;
import io.modeldeploy.sim.platform.http.SimRequest;
import io.modeldeploy.sim.platform.http.SimResponse;

/** The Hydra model-serving calls of vendors.md §4 (the v0.17.0 Swagger, which has STOP). */
final class DRunRoutes {
    static final String PREFIX = "/apis/hydra.io/v1alpha1";

    private final DRunStore store;
    private final DRunViews views;
    private final DRunListQuery list;

    DRunRoutes(DRunStore store, DRunViews views) {
        this.store = store;
        this.views = views;
        this.list = new DRunListQuery(store, views);
    }

    void register(Router router) {
        String base = PREFIX + "/model-serving";
        router.guarded("POST", base, "create", this::create)
                .guarded("GET", base, "list", r -> SimResponse.json(200, list.run(r)))
                .guarded("GET", base + "/{id}", "get", this::get)
                .guarded("PATCH", base + "/{id}/replicas", "scale", this::scale)
                .guarded("POST", base + "/{id}/actions", "action", this::action)
                .guarded("DELETE", base + "/{id}", "delete", this::delete);
    }

    private SimResponse create(SimRequest request) {
        return SimResponse.json(200, views.modelServing(store.create(request.jsonObject())));
    }

    private SimResponse get(SimRequest request) {
        String id = request.pathParam("id");
        DRunServing serving = store.find(id).orElseThrow(() -> DRunErrors.notFound(id));
        return SimResponse.json(200, views.modelServing(serving));
    }

    private SimResponse scale(SimRequest request) {
        ObjectNode body = request.jsonObject();
        long replicas = Json.number(body, "replicas").orElseThrow(() -> DRunErrors.invalid("replicas is required"));
        return SimResponse.json(200, views.modelServing(store.scale(request.pathParam("id"), replicas)));
    }

    private SimResponse action(SimRequest request) {
        String action = Json.text(request.jsonObject(), "action")
                .orElseThrow(() -> DRunErrors.invalid("action is required"));
        return SimResponse.json(200, views.modelServing(store.act(request.pathParam("id"), action)));
    }

    /** Answers the object itself, now {@code DELETING}; it stays visible for the delete delay. */
    private SimResponse delete(SimRequest request) {
        return SimResponse.json(200, views.modelServing(store.delete(request.pathParam("id"))));
    }
}
