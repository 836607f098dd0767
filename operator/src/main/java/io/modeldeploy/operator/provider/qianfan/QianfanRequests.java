package io.modeldeploy.operator.provider.qianfan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;

import java.util.List;

/**
 * Request bodies of the Qianfan Actions (vendors.md §3) from a ModelDeployment and spec.target.qianfan. Pure.
 *
 * <p>CreateService takes the model from the options ({@code modelSetId}, {@code modelVersionId}); the quickStart
 * block's backend and resources have no Qianfan equivalent (the options' resourceType or compute unit decide the
 * hardware, Qianfan the engine), so they are not sent; backendArgs, expert, LoRA mode and adapters would change
 * what runs and are refused rather than dropped.
 */
final class QianfanRequests {
    /** The OpenAI-compatible protocol: the endpoint is {@code /v2} and {@code model} is the urlSuffix. */
    static final int PROTOCOL_VERSION = 2;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private QianfanRequests() {
    }

    static ObjectNode create(VendorCall call) throws VendorException {
        ResolvedDeployment d = call.deployment();
        refuseWhatQianfanCannotExpress(d);
        int replicas = d.replicas();
        if (replicas < 1) {
            throw VendorException.refused("Qianfan creates a service with at least one replica (spec.replicas is "
                    + replicas + ")");
        }
        ObjectNode body = JSON.objectNode();
        body.put("modelSetId", call.option("modelSetId"));
        body.put("modelId", call.option("modelVersionId"));
        body.put("name", call.vendorName());
        body.put("description", "ModelDeployment " + d.namespace() + "/" + d.name());
        body.put("urlSuffix", urlSuffix(call));
        body.put("protocolVersion", PROTOCOL_VERSION);
        String computeUnit = call.option("computeUnitId", null);
        if (computeUnit == null) {
            ObjectNode resources = body.putObject("resourceConfig");
            resources.put("region", call.option("region"));
            resources.put("type", call.option("resourceType"));
            putQps(call, resources);
            resources.put("replicasCount", replicas);
            body.putObject("billing").put("paymentTiming", call.option("paymentTiming", "Postpaid"));
        } else {
            // A compute unit the account bought: the service runs on it instead of the public resource pool.
            ObjectNode deployment = body.putObject("deploymentConfig");
            putQps(call, deployment);
            deployment.put("replicasCount", replicas);
            deployment.putArray("deploymentComputeUnitList").addObject()
                    .put("instanceId", computeUnit)
                    .put("deploymentReplicasCount", replicas);
        }
        return body;
    }

    /** The model name clients send: option urlSuffix, else the first served name, else the vendor-side name. */
    static String urlSuffix(VendorCall call) {
        List<String> served = call.deployment().model().servedNames();
        String fallback = served == null || served.isEmpty() ? call.vendorName() : served.get(0);
        return call.option("urlSuffix", fallback);
    }

    static ObjectNode describe(String serviceId) {
        return JSON.objectNode().put("serviceId", serviceId).put("protocolVersion", PROTOCOL_VERSION);
    }

    /** DescribeServices filtered by name (a substring match on Qianfan's side; the caller matches exactly). */
    static ObjectNode listByName(String name, String marker) {
        ObjectNode body = JSON.objectNode().put("name", name).put("maxKeys", 100)
                .put("protocolVersion", PROTOCOL_VERSION);
        if (marker != null && !marker.isEmpty()) {
            body.put("marker", marker);
        }
        return body;
    }

    static ObjectNode scale(String serviceId, String computeUnitId, int replicas) {
        return JSON.objectNode().put("serviceId", serviceId).put("instanceId", computeUnitId)
                .put("deploymentReplicasCount", replicas);
    }

    private static void putQps(VendorCall call, ObjectNode into) throws VendorException {
        String qps = call.option("qps", null);
        if (qps == null) {
            return;
        }
        // Documented as a float (resourceConfig.qps, 单副本QPS).
        double value;
        try {
            value = Double.parseDouble(qps.trim());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw VendorException.refused("spec.target.qianfan.qps must be a positive number, not '" + qps + "'");
        }
        into.put("qps", value);
    }

    private static void refuseWhatQianfanCannotExpress(ResolvedDeployment d) throws VendorException {
        Mode mode = d.mode();
        if (mode != Mode.QuickStart) {
            throw VendorException.refused("Qianfan deploys its own model versions: only quickStart is accepted, not "
                    + mode + " (a fine-tuned or LoRA model version is deployed through modelSetId/modelVersionId)");
        }
        if (!d.quickStart().orElseThrow().backendArgs().isEmpty()) {
            throw VendorException.refused("Qianfan runs its own engine: spec.quickStart.backendArgs cannot be applied");
        }
        if (!d.adapters().isEmpty()) {
            throw VendorException.refused("Qianfan publishes no adapter attach: spec.adapters cannot be served; deploy "
                    + "the fine-tuned model version instead");
        }
    }
}
