package io.modeldeploy.operator.autoscale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One gateway replica's answer to {@code GET /modeldeploy/load} (the autoscaling contract): its figures for every
 * deployment with spec.autoscaling it knows, zeros included.
 *
 * @param gateway    the replica's id
 * @param generation bumped whenever a deployment's hold queue goes from empty to non-empty
 */
public record GatewayReport(String gateway, long generation, Map<ScaleKey, Figures> deployments) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One deployment's requests at one replica: forwarded and unfinished, and held for want of a ready instance. */
    public record Figures(int inFlight, int held) {
        public static final Figures NONE = new Figures(0, 0);

        Figures plus(Figures other) {
            return new Figures(inFlight + other.inFlight, held + other.held);
        }
    }

    public GatewayReport {
        deployments = Map.copyOf(deployments);
    }

    public static GatewayReport parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new LoadUnavailable("the load report is not JSON: " + e.getMessage());
        }
        if (root == null || !root.path("generation").canConvertToLong() || !root.path("deployments").isArray()) {
            throw new LoadUnavailable("the load report lacks generation or deployments");
        }
        Map<ScaleKey, Figures> deployments = new LinkedHashMap<>();
        for (JsonNode d : root.path("deployments")) {
            String namespace = d.path("namespace").asText("");
            String name = d.path("name").asText("");
            if (namespace.isEmpty() || name.isEmpty()) {
                throw new LoadUnavailable("a deployment in the load report lacks namespace or name");
            }
            deployments.merge(new ScaleKey(namespace, name),
                    new Figures(Math.max(0, d.path("inFlight").asInt(0)), Math.max(0, d.path("held").asInt(0))), Figures::plus);
        }
        return new GatewayReport(root.path("gateway").asText(""), root.path("generation").asLong(), deployments);
    }
}
