package io.modeldeploy.operator.provider.alayanew;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.modeldeploy.operator.deployment.AdapterLocation;
import io.modeldeploy.operator.deployment.ComputeResources;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.deployment.Workload;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A ModelDeployment as Alaya NeW's create bodies (vendors.md section 1): quickStart to {@code POST /deployment},
 * expert to {@code POST /deployment/expert}, lora mode to {@code POST /deployment/lora}. What the platform has
 * no field for is refused with the reason, never dropped: a model from outside the platform's catalogue,
 * inline adapters (Alaya serves adapters as LoRA services), sidecars, init containers, Secret-sourced env
 * and non-PVC volumes. Pure.
 */
public final class AlayaNewRequests {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    private AlayaNewRequests() {
    }

    public static ObjectNode quickStart(VendorCall call) throws VendorException {
        Workload.QuickStart qs = call.deployment().quickStart().orElseThrow();
        ObjectNode body = common(call);
        body.put("backend", qs.engine().id());
        body.put("backendVersion", qs.version());
        strings(body.putArray("backendArgs"), qs.backendArgs());
        ComputeResources res = qs.resources();
        ObjectNode resource = body.putObject("resource");
        resource.put("workers", res.workers());
        resource.put("cpu", cpu(res.cpu().orElse(null), "spec.quickStart.resources.cpu"));
        resource.put("mem", gib(res.memory().orElse(null), "spec.quickStart.resources.memory"));
        if (res.gpuCount() == 0 && res.gpuType().isEmpty()) {
            throw VendorException.refused("Alaya NeW needs spec.quickStart.resources.gpu (type and count)");
        }
        ObjectNode gpu = resource.putObject("gpu");
        gpu.put("gpuType", gpuType(call, res.gpuType().orElse(null)));
        gpu.put("count", res.gpuCount());
        return body;
    }

    public static ObjectNode expert(VendorCall call) throws VendorException {
        Workload.Expert expert = call.deployment().expert().orElseThrow();
        PodTemplateSpec template = expert.template();
        PodSpec pod = template.getSpec();
        if (pod.getContainers().size() != 1) {
            throw VendorException.refused("Alaya NeW's expert mode runs one container; spec.expert.template has "
                    + pod.getContainers().size());
        }
        if (pod.getInitContainers() != null && !pod.getInitContainers().isEmpty()) {
            throw VendorException.refused("Alaya NeW's expert mode has no init containers");
        }
        Container container = pod.getContainers().get(0);
        ObjectNode body = common(call);
        ObjectNode head = body.putObject("headConfig");
        head.put("image", container.getImage());
        strings(head.putArray("cmd"), container.getCommand() == null ? List.of() : container.getCommand());
        ObjectNode labels = head.putObject("labels");
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            template.getMetadata().getLabels().forEach(labels::put);
        }
        ObjectNode env = head.putObject("env");
        for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (var.getValueFrom() != null) {
                // A Secret or field reference has no meaning on the platform, and resolving it here would copy a secret.
                throw VendorException.refused("Alaya NeW's expert mode takes plain env values only; env "
                        + var.getName() + " uses valueFrom");
            }
            env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
        }
        strings(head.putArray("args"), container.getArgs() == null ? List.of() : container.getArgs());
        head.set("resource", expertResource(call, container));
        head.set("pvcMounts", pvcMounts(pod, container));
        ObjectNode scale = body.putObject("scale");
        int replicas = replicas(call.deployment());
        scale.put("min", replicas);
        scale.put("max", replicas);
        optionalNumber(call, "rpsValue").ifPresent(v -> scale.put("rpsValue", v));
        optionalNumber(call, "idleTime").ifPresent(v -> scale.put("idleTime", v));
        ObjectNode extensions = body.putObject("extensions");
        if (call.options().get("extensions") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> extensions.put(String.valueOf(k), String.valueOf(v)));
        }
        return body;
    }

    /** The adapter of a lora-mode deployment attached to the base's service. */
    public static ObjectNode lora(VendorCall call) throws VendorException {
        String base = call.base().orElseThrow(() -> VendorException.refused(
                "the base of this LoRA service has no Alaya NeW service id yet"));
        List<AdapterLocation> adapters = call.deployment().adapters();
        if (adapters.size() != 1) {
            throw VendorException.refused("an Alaya NeW LoRA service holds exactly one LoRA model; spec.adapters has "
                    + adapters.size() + " (use one ModelDeployment per adapter)");
        }
        ObjectNode body = JSON.objectNode();
        body.put("baseServiceId", base);
        body.put("modelId", catalogueId(adapters.get(0).uri(), "spec.adapters[0].uri"));
        body.put("name", call.vendorName());
        strings(body.putArray("servedName"), List.of(adapters.get(0).name()));
        return body;
    }

    /** {@code PUT /deployment/{id}/scale}: a fixed number of instances, min = max. */
    public static ObjectNode scale(String serviceId, int replicas, VendorCall call) throws VendorException {
        if (replicas < 1) {
            throw VendorException.refused("Alaya NeW's scale needs at least one instance (scale-to-zero is not"
                    + " documented); spec.replicas is " + replicas);
        }
        ObjectNode body = JSON.objectNode();
        body.put("serviceId", serviceId);
        ObjectNode scale = body.putObject("scale");
        scale.put("min", replicas);
        scale.put("max", replicas);
        optionalNumber(call, "rpsValue").ifPresent(v -> scale.put("rpsValue", v));
        optionalNumber(call, "idleTime").ifPresent(v -> scale.put("idleTime", v));
        return body;
    }

    /** The fields QuickStart and Expert creates share. */
    private static ObjectNode common(VendorCall call) throws VendorException {
        ResolvedDeployment d = call.deployment();
        if (!d.adapters().isEmpty()) {
            throw VendorException.refused("Alaya NeW serves adapters as LoRA services: move spec.adapters to a"
                    + " ModelDeployment with spec.lora.baseRef naming this one");
        }
        ObjectNode body = JSON.objectNode();
        body.put("vksId", call.option("vksId"));
        body.put("namespace", call.option("namespace"));
        body.put("name", call.vendorName());
        strings(body.putArray("servedName"), d.model().servedNames());
        body.put("modelId", call.option("modelId", modelId(d)));
        return body;
    }

    /** The platform deploys from its own model catalogue: spec.model.id, unless a uri points elsewhere. */
    private static String modelId(ResolvedDeployment d) throws VendorException {
        return catalogueId(d.model().uri(), "spec.model.uri");
    }

    private static String catalogueId(String uri, String field) throws VendorException {
        if (uri != null && uri.startsWith("hf://") && uri.length() > "hf://".length()) {
            return uri.substring("hf://".length());
        }
        throw VendorException.refused("Alaya NeW deploys models from its catalogue by id; " + field + " '" + uri
                + "' cannot be expressed (use hf://<model id>)");
    }

    private static ObjectNode expertResource(VendorCall call, Container container) throws VendorException {
        Map<String, Quantity> limits = container.getResources() == null || container.getResources().getLimits() == null
                ? Map.of() : container.getResources().getLimits();
        Map<String, Quantity> requests = container.getResources() == null || container.getResources().getRequests() == null
                ? Map.of() : container.getResources().getRequests();
        ObjectNode resource = JSON.objectNode();
        resource.put("mem", gib(amount(limits, requests, "memory"), "the container's memory limit"));
        resource.put("cpu", cpu(amount(limits, requests, "cpu"), "the container's cpu limit"));
        String gpus = amount(limits, requests, "nvidia.com/gpu");
        int count = gpus == null ? 0 : Integer.parseInt(gpus);
        ObjectNode gpu = resource.putObject("gpu");
        gpu.put("gpuType", count == 0 ? call.option("gpuType", "") : call.option("gpuType"));
        gpu.put("count", count);
        return resource;
    }

    private static String amount(Map<String, Quantity> limits, Map<String, Quantity> requests, String name) {
        Quantity q = limits.getOrDefault(name, requests.get(name));
        return q == null ? null : q.toString();
    }

    /** Only PersistentVolumeClaims can be mounted on the platform ({@code pvcMounts}). */
    private static ArrayNode pvcMounts(PodSpec pod, Container container) throws VendorException {
        ArrayNode out = JSON.arrayNode();
        for (VolumeMount mount : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes() == null ? null : pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
            if (volume == null || volume.getPersistentVolumeClaim() == null) {
                throw VendorException.refused("Alaya NeW's expert mode mounts PersistentVolumeClaims only; volume "
                        + mount.getName() + " is not one");
            }
            ObjectNode node = out.addObject();
            node.put("containerPath", mount.getMountPath());
            node.put("pvcName", volume.getPersistentVolumeClaim().getClaimName());
        }
        return out;
    }

    /** spec.target.alayaNew.gpuType (the platform's resource name) or the catalog name, e.g. L40S to nvidia.com/gpu-l40s. */
    private static String gpuType(VendorCall call, String type) throws VendorException {
        String given = call.option("gpuType", null);
        if (given != null) {
            return given;
        }
        if (type == null || type.isBlank()) {
            throw VendorException.refused("Alaya NeW needs a GPU type: spec.quickStart.resources.gpu.type or"
                    + " spec.target.alayaNew.gpuType");
        }
        return "nvidia.com/gpu-" + type.toLowerCase(Locale.ROOT);
    }

    /** Whole cores, rounded up (the platform takes an integer). */
    static int cpu(String quantity, String field) throws VendorException {
        BigDecimal cores = amount(quantity, field);
        return cores.setScale(0, RoundingMode.CEILING).intValueExact();
    }

    /** Whole GiB, rounded up: the docs give no unit for {@code mem}; GiB is the reading of their examples. */
    static int gib(String quantity, String field) throws VendorException {
        BigDecimal bytes = amount(quantity, field);
        return bytes.divide(GIB, 0, RoundingMode.CEILING).intValueExact();
    }

    private static BigDecimal amount(String quantity, String field) throws VendorException {
        if (quantity == null || quantity.isBlank()) {
            throw VendorException.refused("Alaya NeW needs " + field);
        }
        try {
            return Quantity.getAmountInBytes(new Quantity(quantity));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw VendorException.refused(field + " '" + quantity + "' is not a quantity");
        }
    }

    private static int replicas(ResolvedDeployment d) throws VendorException {
        int replicas = d.replicas();
        if (replicas < 1) {
            throw VendorException.refused("Alaya NeW needs at least one instance; spec.replicas is " + replicas);
        }
        return replicas;
    }

    private static Optional<Long> optionalNumber(VendorCall call, String key) throws VendorException {
        String value = call.option(key, null);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw VendorException.refused("spec.target.alayaNew." + key + " must be a whole number, not '" + value + "'");
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
