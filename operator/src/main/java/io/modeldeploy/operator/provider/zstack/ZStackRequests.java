package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;

import java.util.List;
import java.util.Optional;

/**
 * The DeployModelService body (inferred: vendors.md §2, from ZStack's API explorer and SDK; no published page)
 * from a ModelDeployment and spec.target.zstack. Pure.
 *
 * <p>Deployed from the template the operator registered ({@link ZStackModelServices}), the instance gets the
 * launch's CPU and memory, and for expert the container's image ({@code dockerImage}) and plain env
 * ({@code environmentVariables}). Deployed from a template registered elsewhere ({@code modelServiceUuid}), the
 * template decides the engine, image and start command, so only quickStart's CPU and memory apply, and
 * backendArgs and expert are refused, not dropped. Documented DeployModelService fields given in the options are
 * passed through as they are and win.
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
    /** The option naming a template registered elsewhere; without it the operator registers one. */
    static final String TEMPLATE_OPTION = "modelServiceUuid";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ZStackRequests() {
    }

    /** The template registered elsewhere that the options name, if any. */
    static Optional<String> givenTemplate(VendorCall call) {
        return Optional.ofNullable(call.option(TEMPLATE_OPTION, null));
    }

    /**
     * {@code {"deployModelService":{…}}}: ZStack's action convention (the body key names the API on a shared path);
     * the group uuid is chosen ({@code resourceUuid}) so a second deploy cannot create a second group.
     *
     * @param launch what the operator registered the template from; empty for a template registered elsewhere
     */
    static ObjectNode deploy(VendorCall call, String groupUuid, Optional<ZStackLaunch> launch) throws VendorException {
        ResolvedDeployment d = call.deployment();
        ZStackResources resources = launch.isPresent() ? launch.get().resources() : givenTemplateResources(d);
        ObjectNode params = JSON.createObjectNode();
        params.put("name", call.vendorName());
        params.put("zoneUuid", call.option("zoneUuid"));
        params.put("type", call.option("type", DEFAULT_TYPE));
        params.put("description", "ModelDeployment " + d.namespace() + "/" + d.name());
        params.put("resourceUuid", groupUuid);
        resources.cores().ifPresent(cores -> params.put("cpuNum", cores));
        resources.memoryBytes().ifPresent(bytes -> params.put("memorySize", bytes));
        if (launch.isPresent()) {
            // Options that name an image (a docker one or a VM's) choose it instead of the expert container's.
            boolean imageGiven = call.options().get("dockerImage") != null || call.options().get("vmImageUuid") != null;
            launch.get().image().filter(image -> !imageGiven).ifPresent(image -> params.put("dockerImage", image));
            if (!launch.get().env().isEmpty()) {
                params.set("environmentVariables", JSON.valueToTree(launch.get().env()));
            }
        }
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

    /** A template registered elsewhere decides what runs: quickStart's CPU and memory are all the spec adds. */
    private static ZStackResources givenTemplateResources(ResolvedDeployment d) throws VendorException {
        Mode mode = d.mode();
        if (mode != Mode.QuickStart) {
            throw VendorException.refused("a registered model-service template (spec.target.zstack." + TEMPLATE_OPTION
                    + ") decides what runs: only quickStart is accepted with it, not " + mode + " (leave "
                    + TEMPLATE_OPTION + " out to have the operator register one)");
        }
        if (!d.quickStart().orElseThrow().backendArgs().isEmpty()) {
            throw VendorException.refused("the registered template (spec.target.zstack." + TEMPLATE_OPTION + ") decides "
                    + "the engine command: spec.quickStart.backendArgs cannot be applied (use "
                    + "spec.target.zstack.startupParameters, or leave " + TEMPLATE_OPTION + " out)");
        }
        if (!d.adapters().isEmpty()) {
            throw VendorException.refused("ZStack publishes nothing for LoRA adapters: spec.adapters cannot be served");
        }
        return ZStackResources.of(d.quickStart().orElseThrow().resources());
    }
}
