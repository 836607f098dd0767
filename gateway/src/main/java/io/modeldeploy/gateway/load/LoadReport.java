package io.modeldeploy.gateway.load;

import io.modeldeploy.gateway.catalog.Autoscaled;
import io.modeldeploy.gateway.catalog.DeploymentView;
import io.modeldeploy.gateway.catalog.Snapshot;
import io.modeldeploy.gateway.hold.HoldQueue;
import io.modeldeploy.gateway.route.InFlight;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Comparator;
import java.util.List;

/**
 * The load report the operator's scaler reads ({@code GET /modeldeploy/load}): per deployment with
 * {@code spec.autoscaling}, zeros included, the requests in flight and held at this replica.
 */
public record LoadReport(String gateway, long generation, List<DeploymentLoad> deployments) {

    /** @param inFlight forwarded and not finished; {@code held} waiting for an instance; never both */
    public record DeploymentLoad(String namespace, String name, int inFlight, int held, long oldestHeldMillis) {
    }

    /**
     * In-flight requests count for the deployment whose pods serve them, so a LoRA service's requests load its base.
     */
    public static LoadReport of(String gateway, long generation, Snapshot snapshot, InFlight inFlight,
                                HoldQueue<?> held) {
        List<DeploymentLoad> loads = snapshot.autoscaled().values().stream()
                .sorted(Comparator.comparing(Autoscaled::id))
                .map(a -> new DeploymentLoad(a.namespace(), a.name(), inFlight(a, snapshot, inFlight),
                        held.held(a.id()), held.oldestHeldMillis(a.id())))
                .toList();
        return new LoadReport(gateway, generation, loads);
    }

    private static int inFlight(Autoscaled a, Snapshot snapshot, InFlight inFlight) {
        int sum = 0;
        for (DeploymentView d : snapshot.deployments()) {
            if (d.namespace().equals(a.namespace()) && d.podOwner().equals(a.name())) {
                sum += inFlight.deploymentCount(d.id());
            }
        }
        return sum;
    }

    public JsonObject toJson() {
        JsonArray list = new JsonArray();
        for (DeploymentLoad d : deployments) {
            list.add(new JsonObject().put("namespace", d.namespace()).put("name", d.name()).put("inFlight", d.inFlight())
                    .put("held", d.held()).put("oldestHeldMillis", d.oldestHeldMillis()));
        }
        return new JsonObject().put("gateway", gateway).put("generation", generation).put("deployments", list);
    }
}
