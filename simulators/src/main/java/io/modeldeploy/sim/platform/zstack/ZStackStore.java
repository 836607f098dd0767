package io.modeldeploy.sim.platform.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.http.Faults;
import io.modeldeploy.sim.platform.http.Ids;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.http.Timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Simulated model-service templates (AddModelService) and the instance groups deployed from them
 * (DeployModelService), with their inventories in ZStack's field names (vendors.md §2). Failures are
 * {@link ZStackErrors.ApiFailure}s, which the caller reports as a sync 503 or through the async job.
 */
final class ZStackStore {
    static final String DEPLOYING = "Deploying";
    static final String RUNNING = "Running";
    /** Not in the public docs (§7.2): the simulator's pick for a deployment that did not come up. */
    static final String FAILED = "Failed";

    private static final Pattern UUID_32 = Pattern.compile("[0-9a-fA-F]{32}");

    static final class Template {
        final String uuid;
        ObjectNode params;
        final Instant createdAt;
        Instant lastOpAt;

        Template(String uuid, ObjectNode params, Instant createdAt) {
            this.uuid = uuid;
            this.params = params;
            this.createdAt = createdAt;
            this.lastOpAt = createdAt;
        }
    }

    static final class Group {
        final String uuid;
        final String templateUuid;
        final ObjectNode params;
        final Instant createdAt;
        Instant lastOpAt;
        Timeline<String> status;
        /** Set once deleted: the group disappears at this instant. */
        Instant deleteAt;
        final String instanceUuid = Ids.compactUuid();
        final String vmInstanceUuid = Ids.compactUuid();
        final String url;

        Group(String uuid, String templateUuid, ObjectNode params, Instant createdAt, String url) {
            this.uuid = uuid;
            this.templateUuid = templateUuid;
            this.params = params;
            this.createdAt = createdAt;
            this.lastOpAt = createdAt;
            this.url = url;
        }
    }

    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final SimOptions options;
    private final Faults faults;
    private int addresses;

    ZStackStore(SimOptions options, Faults faults) {
        this.options = options;
        this.faults = faults;
    }

    Instant now() {
        return options.clock().instant();
    }

    Duration transitionDelay() {
        return options.transitionDelay();
    }

    /**
     * AddModelService: its required fields and their types as the published page marks them (name, yaml,
     * requestCpu Integer, requestMemory Long, modelCenterUuid, installPath, startCommand), else SYS.1007.
     */
    synchronized Template addTemplate(ObjectNode params) {
        for (String field : List.of("name", "yaml", "requestCpu", "requestMemory", "modelCenterUuid", "installPath",
                "startCommand")) {
            mandatory(params, field, "AddModelService");
        }
        if (!params.get("requestCpu").isInt()) {
            throw ZStackErrors.invalidArgument("field[requestCpu] of message[APIAddModelServiceMsg] must be an Integer,"
                    + " not " + params.get("requestCpu"));
        }
        if (!params.get("requestMemory").isIntegralNumber()) {
            throw ZStackErrors.invalidArgument("field[requestMemory] of message[APIAddModelServiceMsg] must be a Long,"
                    + " not " + params.get("requestMemory"));
        }
        String uuid = chosenUuid(params, templates);
        Template template = new Template(uuid, params.deepCopy(), now());
        templates.put(uuid, template);
        return template;
    }

    synchronized Template updateTemplate(String uuid, ObjectNode params) {
        Template template = Optional.ofNullable(templates.get(uuid))
                .orElseThrow(() -> ZStackErrors.notFound("model service[uuid:" + uuid + "] not found"));
        for (String field : List.of("name", "description", "yaml", "startCommand")) {
            if (params.has(field)) {
                template.params.set(field, params.get(field).deepCopy());
            }
        }
        template.lastOpAt = now();
        return template;
    }

    /** DeployModelService: a new group from a template, Deploying until the deploy delay has passed. */
    synchronized Group deploy(String templateUuid, ObjectNode params) {
        settle();
        for (String field : List.of("zoneUuid", "name", "type")) {
            mandatory(params, field, "DeployModelService");
        }
        if (!templates.containsKey(templateUuid)) {
            throw ZStackErrors.notFound("model service[uuid:" + templateUuid + "] not found");
        }
        String uuid = chosenUuid(params, groups);
        addresses = addresses % 254 + 1;
        Group group = new Group(uuid, templateUuid, params.deepCopy(), now(), "http://192.0.2." + addresses + ":8000");
        group.status = deployTimeline(Json.text(params, "name").orElse(""));
        groups.put(uuid, group);
        return group;
    }

    synchronized Optional<Group> group(String uuid) {
        settle();
        return Optional.ofNullable(groups.get(uuid));
    }

    synchronized Group updateGroup(String uuid, ObjectNode params) {
        Group group = group(uuid).orElseThrow(() -> groupNotFound(uuid));
        for (String field : List.of("name", "description", "environmentVariables", "startupParameters",
                "serviceLivez")) {
            if (params.has(field)) {
                group.params.set(field, params.get(field).deepCopy());
            }
        }
        group.lastOpAt = now();
        return group;
    }

    /** RestartModelServiceGroups: Deploying again for the transition delay. */
    synchronized void restart(String uuid) {
        Group group = group(uuid).orElseThrow(() -> groupNotFound(uuid));
        group.status = Timeline.starting(now(), DEPLOYING).then(options.transitionDelay(), RUNNING);
        group.lastOpAt = now();
    }

    /**
     * Marks a group deleted: it disappears after the delete delay. A missing group is not an error, as ZStack's
     * delete APIs succeed on a resource that does not exist.
     *
     * @return when the deletion completes
     */
    synchronized Instant delete(String uuid) {
        Instant now = now();
        Group group = group(uuid).orElse(null);
        if (group == null) {
            return now;
        }
        if (group.deleteAt == null) {
            group.deleteAt = now.plus(options.deleteDelay());
        }
        settle();
        return group.deleteAt;
    }

    synchronized List<ObjectNode> templateInventories() {
        return templates.values().stream().map(this::inventory).toList();
    }

    synchronized List<ObjectNode> groupInventories() {
        settle();
        return groups.values().stream().map(this::inventory).toList();
    }

    synchronized List<ZStackTemplate> templateSnapshots() {
        return templates.values().stream()
                .map(t -> new ZStackTemplate(t.uuid, t.params.path("name").asText(null), t.params.deepCopy()))
                .toList();
    }

    synchronized List<ZStackGroup> snapshots() {
        settle();
        return groups.values().stream()
                .map(g -> new ZStackGroup(g.uuid, g.params.path("name").asText(null), status(g), g.templateUuid,
                        g.deleteAt != null, g.url, g.params.deepCopy()))
                .toList();
    }

    synchronized String status(Group group) {
        return group.status.at(now());
    }

    /** A ModelServiceInventory with the fields the published page lists, null where nothing was given. */
    synchronized ObjectNode inventory(Template template) {
        ObjectNode params = template.params;
        ObjectNode out = Json.object();
        out.put("uuid", template.uuid);
        copy(params, out, "name", "description", "readme", "yaml", "requestCpu", "requestMemory", "modelCenterUuid",
                "type", "framework", "source");
        out.put("size", 0L);
        out.put("system", params.path("system").asBoolean(false));
        out.put("hasNewVersion", false);
        copy(params, out, "gpuComputeCapability", "installPath", "pythonVersion", "condaVersion", "version",
                "startCommand", "containerCommand", "containerArgs");
        out.put("supportDistributed", params.path("supportDistributed").asBoolean(false));
        out.putArray("cpuArchitectures").add("x86_64");
        out.set("vendorToSpecUuidsMap", params.has("vendorToSpecUuidsMap") ? params.get("vendorToSpecUuidsMap").deepCopy()
                : Json.object());
        out.putArray("modelServiceRefs");
        out.putArray("modelServiceImages");
        out.put("createDate", ZStackDates.format(template.createdAt));
        out.put("lastOpDate", ZStackDates.format(template.lastOpAt));
        return out;
    }

    synchronized ObjectNode inventory(Group group) {
        String status = status(group);
        Template template = templates.get(group.templateUuid);
        ObjectNode out = Json.object();
        out.put("uuid", group.uuid);
        out.put("modelServiceUuid", group.templateUuid);
        copy(group.params, out, "modelUuid", "name", "description", "type");
        out.put("status", status);
        out.put("modelServiceType", template == null ? null : Json.text(template.params, "type").orElse(null));
        out.put("yaml", template == null ? null : Json.text(template.params, "yaml").orElse(null));
        out.put("supportMetrics", false);
        out.putNull("exportPath");
        copy(group.params, out, "environmentVariables", "startupParameters", "serviceLivez");
        out.put("createDate", ZStackDates.format(group.createdAt));
        out.put("lastOpDate", ZStackDates.format(group.lastOpAt));
        ArrayNode instances = out.putArray("instances");
        ObjectNode instance = instances.addObject();
        instance.put("uuid", group.instanceUuid);
        instance.put("modelServiceGroupUuid", group.uuid);
        instance.put("status", status);
        instance.put("url", group.url);
        instance.putObject("urlMaps").put("8000", group.url);
        instance.put("internalUrl", group.url);
        instance.putNull("jupyterUrl");
        instance.put("vmInstanceUuid", group.vmInstanceUuid);
        instance.put("nodeRank", 0);
        instance.put("architecture", "x86_64");
        instance.put("gpuVendor", "NVIDIA");
        return out;
    }

    static ZStackErrors.ApiFailure groupNotFound(String uuid) {
        return ZStackErrors.notFound("model service instance group[uuid:" + uuid + "] not found");
    }

    private Timeline<String> deployTimeline(String name) {
        String end = faults.deploymentFails(name) ? FAILED : RUNNING;
        return Timeline.starting(now(), DEPLOYING).then(options.deployDelay(), end);
    }

    /** Deleted groups whose time has come disappear; reads call this first, so no thread is needed. */
    private void settle() {
        Instant now = now();
        groups.values().removeIf(group -> group.deleteAt != null && !now.isBefore(group.deleteAt));
    }

    /** {@code resourceUuid} lets the client choose the uuid (32 hex digits, not already used). */
    private static String chosenUuid(ObjectNode params, Map<String, ?> existing) {
        Optional<String> chosen = Json.text(params, "resourceUuid");
        if (chosen.isEmpty()) {
            return Ids.compactUuid();
        }
        if (!UUID_32.matcher(chosen.get()).matches()) {
            throw ZStackErrors.invalidArgument("resourceUuid[" + chosen.get() + "] is not a valid uuid");
        }
        String uuid = chosen.get().toLowerCase(Locale.ROOT);
        if (existing.containsKey(uuid)) {
            throw ZStackErrors.invalidArgument("resourceUuid[" + uuid + "] has been occupied");
        }
        return uuid;
    }

    private static void mandatory(ObjectNode params, String field, String api) {
        JsonNode value = params.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            throw ZStackErrors.invalidArgument("field[" + field + "] of message[API" + api
                    + "Msg] is mandatory, can not be null");
        }
    }

    private static void copy(ObjectNode from, ObjectNode to, String... fields) {
        for (String field : fields) {
            to.set(field, from.has(field) ? from.get(field).deepCopy() : to.nullNode());
        }
    }
}
