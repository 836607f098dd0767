package io.modeldeploy.operator.provider.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AddModelService (documented: zstack-add-model-service.txt): the template the operator registers for a
 * ModelDeployment that names no {@code modelServiceUuid}. Pure.
 *
 * <p>{@code POST /zstack/v1/ai/model-services}, body {@code {"param":{…},"systemTags":[],"userTags":[]}}; synchronous,
 * answering {@code {"inventory":{…}}} (or {@code success}/{@code error}). The page's required fields come from:
 * {@code name} the deployment's vendor name; {@code yaml} a description of what runs (the page gives no schema for
 * it: inferred); {@code requestCpu}/{@code requestMemory} the spec's CPU and memory ({@link ZStackResources});
 * {@code modelCenterUuid} and {@code installPath} the options; {@code startCommand} the launch
 * ({@link ZStackLaunch}). {@code spec.target.zstack.modelService} sets any other documented field, or replaces a
 * derived one. The template's uuid is chosen ({@code resourceUuid}), derived from the resource's uid and the
 * parameters, so a lookup by it finds the template a lost answer registered, and a changed spec registers anew.
 */
final class ZStackModelServices {
    static final String PATH = "/ai/model-services";
    /** The option holding further AddModelService {@code param} fields. */
    static final String OPTION = "modelService";
    /** The {@code param} fields of the page a user may set; {@code resourceUuid} is the operator's to choose. */
    static final List<String> DOCUMENTED = List.of("name", "description", "yaml", "requestCpu", "requestMemory",
            "zoneUuid", "modelCenterUuid", "gpuComputeCapability", "installPath", "system", "startCommand",
            "pythonVersion", "condaVersion", "type", "framework", "tagUuids", "source", "modelUuids",
            "architectureImages", "supportDistributed", "containerCommand", "containerArgs", "vendorToSpecUuidsMap");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The registered template, as AddModelService's {@code inventory} describes it. */
    record Template(Optional<String> uuid, String name, Optional<Integer> requestCpu, Optional<Long> requestMemory) {
    }

    private ZStackModelServices() {
    }

    /** The AddModelService body; its {@code param.resourceUuid} is the template's uuid ({@link #uuidOf}). */
    static ObjectNode add(VendorCall call, ZStackLaunch launch) throws VendorException {
        ResolvedDeployment d = call.deployment();
        Map<String, Object> given = given(call);
        ObjectNode param = JSON.createObjectNode();
        param.put("name", call.vendorName());
        param.put("description", "ModelDeployment " + d.namespace() + "/" + d.name());
        param.put("yaml", yaml(launch.summary()));
        launch.resources().cores().ifPresent(cores -> param.put("requestCpu", cores));
        launch.resources().mebibytes().ifPresent(mib -> param.put("requestMemory", mib));
        param.put("zoneUuid", call.option("zoneUuid"));
        param.put("modelCenterUuid", requiredUnlessGiven(call, given, "modelCenterUuid"));
        param.put("installPath", requiredUnlessGiven(call, given, "installPath"));
        param.put("startCommand", launch.startCommand());
        param.put("type", call.option("type", ZStackRequests.DEFAULT_TYPE));
        launch.containerCommand().ifPresent(command -> param.put("containerCommand", command));
        launch.containerArgs().ifPresent(args -> param.put("containerArgs", args));
        given.forEach((field, value) -> param.set(field, JSON.valueToTree(value)));
        for (String field : List.of("requestCpu", "requestMemory")) {
            if (!param.hasNonNull(field)) {
                throw VendorException.refused("ZStack's AddModelService needs " + field + ": give the "
                        + (field.equals("requestCpu") ? "cpu" : "memory") + " of the instance in the spec, or "
                        + "spec.target.zstack." + OPTION + "." + field);
            }
        }
        param.put("resourceUuid", ZStackIds.templateUuid(d.ref().uid(), canonical(param)));
        ObjectNode body = JSON.createObjectNode();
        body.set("param", param);
        body.putArray("systemTags");
        body.putArray("userTags");
        return body;
    }

    /** The uuid the operator chose for the template of this body. */
    static String uuidOf(ObjectNode addBody) {
        return addBody.path("param").path("resourceUuid").asText();
    }

    /** AddModelService's reply: its {@code inventory}, which the page's example gives without a uuid. */
    static Optional<Template> template(JsonNode reply) {
        JsonNode inventory = reply.path("inventory");
        if (!inventory.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Template(text(inventory, "uuid"), text(inventory, "name").orElse(""),
                inventory.path("requestCpu").canConvertToInt() ? Optional.of(inventory.path("requestCpu").intValue())
                        : Optional.empty(),
                inventory.path("requestMemory").canConvertToLong()
                        ? Optional.of(inventory.path("requestMemory").longValue()) : Optional.empty()));
    }

    /** spec.target.zstack.modelService: documented fields only, so a typo is refused rather than dropped. */
    private static Map<String, Object> given(VendorCall call) throws VendorException {
        Object value = call.options().get(OPTION);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw VendorException.refused("spec.target.zstack." + OPTION + " must be an object of AddModelService fields");
        }
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String field = String.valueOf(entry.getKey());
            if (!DOCUMENTED.contains(field)) {
                throw VendorException.refused("spec.target.zstack." + OPTION + "." + field + " is not an AddModelService"
                        + " field ZStack documents (" + String.join(", ", DOCUMENTED) + ")");
            }
            given.put(field, entry.getValue());
        }
        return given;
    }

    private static String requiredUnlessGiven(VendorCall call, Map<String, Object> given, String option)
            throws VendorException {
        Object inModelService = given.get(option);
        return inModelService != null ? inModelService.toString() : call.option(option);
    }

    private static String yaml(Map<String, Object> summary) {
        try {
            return YAML.writeValueAsString(summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The parameters in one fixed order, whatever order the options map had. */
    private static String canonical(ObjectNode param) {
        try {
            return JSON.writeValueAsString(JSON.convertValue(param, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
