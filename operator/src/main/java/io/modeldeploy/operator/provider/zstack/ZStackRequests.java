package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.deployment.ComputeResources;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The DeployModelService body (vendors.md §2) from a ModelDeployment and spec.target.zstack. Pure.
 *
 * <p>The template ({@code modelServiceUuid}) decides the engine, image and start command, so the quickStart
 * block contributes only its CPU and memory; backendArgs, expert, LoRA mode and adapters have no ZStack
 * equivalent and are refused, not dropped. Documented DeployModelService fields given in the options are passed
 * through as they are.
 */
final class ZStackRequests {
    /** DeployModelService fields a user may set in spec.target.zstack, passed through unchanged. */
    static final List<String> PASS_THROUGH = List.of("modelUuid", "description", "dockerImage", "vmImageUuid", "cpuNum",
            "memorySize", "requestCpuNum", "requestMemorySize", "l3NetworkUuids", "environmentVariables",
            "startupParameters", "serviceBootUptime", "serviceLivez", "serviceReadyz", "clusterUuid",
            "primaryStorageUuid", "rootDiskOfferingUuid", "rootDiskSize", "datasetUuids", "modelServiceGroupUuids",
            "tagUuids", "projectUuid");
    /** The {@code type} when the options name none; its values are not documented (vendors.md §7.2). */
    static final String DEFAULT_TYPE = "Inference";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ZStackRequests() {
    }

    /** The template to deploy: the path of DeployModelService. */
    static String templateUuid(VendorCall call) throws VendorException {
        return call.option("modelServiceUuid");
    }

    /**
     * {@code {"deployModelService":{…}}}: ZStack's action convention (the body key names the API on a shared path);
     * the group uuid is chosen ({@code resourceUuid}) so a second deploy cannot create a second group.
     */
    static ObjectNode deploy(VendorCall call, String groupUuid) throws VendorException {
        ResolvedDeployment d = call.deployment();
        refuseWhatZStackCannotExpress(d);
        ObjectNode params = JSON.createObjectNode();
        params.put("name", call.vendorName());
        params.put("zoneUuid", call.option("zoneUuid"));
        params.put("type", call.option("type", DEFAULT_TYPE));
        params.put("description", "ModelDeployment " + d.namespace() + "/" + d.name());
        params.put("resourceUuid", groupUuid);
        ComputeResources resources = d.quickStart().orElseThrow().resources();
        resources.cpu().ifPresent(cpu -> params.put("cpuNum", cores(cpu)));
        resources.memory().ifPresent(memory ->
                params.put("memorySize", Quantity.getAmountInBytes(new Quantity(memory)).longValue()));
        for (String field : PASS_THROUGH) {
            Object value = call.options().get(field);
            if (value != null) {
                params.set(field, JSON.valueToTree(value));
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("deployModelService", params);
        return body;
    }

    /** Whole cores, rounded up: ZStack's cpuNum is an integer. */
    static int cores(String cpu) {
        BigDecimal amount = Quantity.getAmountInBytes(new Quantity(cpu));
        return Math.max(1, amount.setScale(0, RoundingMode.CEILING).intValue());
    }

    private static void refuseWhatZStackCannotExpress(ResolvedDeployment d) throws VendorException {
        Mode mode = d.mode();
        if (mode != Mode.QuickStart) {
            throw VendorException.refused("ZStack deploys a registered model-service template "
                    + "(spec.target.zstack.modelServiceUuid): only quickStart is accepted, not " + mode);
        }
        if (!d.quickStart().orElseThrow().backendArgs().isEmpty()) {
            throw VendorException.refused("ZStack's template decides the engine command: spec.quickStart.backendArgs "
                    + "cannot be applied (use spec.target.zstack.startupParameters)");
        }
        if (!d.adapters().isEmpty()) {
            throw VendorException.refused("ZStack publishes nothing for LoRA adapters: spec.adapters cannot be served");
        }
    }
}
