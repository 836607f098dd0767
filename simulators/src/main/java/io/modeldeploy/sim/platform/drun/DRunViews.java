package io.modeldeploy.sim.platform.drun;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Json;

import java.time.temporal.ChronoUnit;

/**
 * Renders ModelServings with the fields of vendors.md §4. The user namespace is fixed per simulator; the address
 * keeps the {@code https://<region>.d.run} shape on a {@code .sim.invalid} host, which never resolves, unless the
 * simulator answers inference itself ({@link DRunInference}): then it is that route's URL for the region.
 *
 * <p>Rendering holds the store's lock, so a serving is never read half-way through a change.
 */
final class DRunViews {
    private final DRunStore store;
    private final String namespace;

    DRunViews(DRunStore store, String namespace) {
        this.store = store;
        this.namespace = namespace;
    }

    ObjectNode modelServing(DRunServing serving) {
        synchronized (store) {
            ObjectNode request = serving.request;
            String modelId = Json.text(request, "modelId").orElse("");
            String region = Json.text(request, "region").orElse("");
            ObjectNode out = Json.object();
            out.put("id", serving.id);
            out.put("name", serving.name);
            out.put("namespace", namespace);
            out.put("accessModelName", accessModelName(serving));
            out.put("address", address(serving));
            out.put("modelId", modelId);
            out.put("modelName", modelId.substring(modelId.lastIndexOf('/') + 1));
            out.put("region", region);
            out.put("regionName", "SIMULATED " + region);
            out.put("skuId", Json.text(request, "skuId").orElse(""));
            out.put("replicas", serving.replicas);
            out.put("status", store.status(serving));
            out.put("paymentMethods", Json.text(request, "paymentMethods").orElse("PAY_AS_YOU_GO"));
            out.put("outBill", false);
            out.put("enableMetrics", request.path("enableMetrics").asBoolean(false));
            out.putArray("modelSupportFeature");
            out.putArray("stop");
            out.putArray("stopTokenIds");
            out.put("creationTimestamp", serving.createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
            return out;
        }
    }

    DRunModelServing snapshot(DRunServing serving) {
        synchronized (store) {
            return new DRunModelServing(serving.id, serving.name, store.status(serving), serving.replicas,
                    accessModelName(serving), address(serving), serving.request.deepCopy(), serving.createdAt);
        }
    }

    String accessModelName(DRunServing serving) {
        return namespace + "/" + serving.name;
    }

    private String address(DRunServing serving) {
        String region = Json.text(serving.request, "region").orElse("region");
        return store.inferenceBase().map(base -> base + "/" + region)
                .orElse("https://" + region + ".d.run.sim.invalid");
    }
}
