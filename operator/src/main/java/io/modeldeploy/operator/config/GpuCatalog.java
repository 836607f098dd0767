package io.modeldeploy.operator.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a GPU type a user writes ({@code H100}) to how pods land on such nodes: node labels, the
 * extended resource name and tolerations. Lookup ignores case; unknown types fall back to the GPU
 * product label, so a cluster with other GPUs works without configuration.
 */
public final class GpuCatalog {

    /** Matches NVIDIA GPU feature discovery's product labels; GPU nodes are commonly tainted nvidia.com/gpu. */
    public static final String DEFAULT_CATALOG = """
            {"H100": {"nodeSelector": {"nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"}},
             "H200": {"nodeSelector": {"nvidia.com/gpu.product": "NVIDIA-H200"}},
             "A100": {"nodeSelector": {"nvidia.com/gpu.product": "NVIDIA-A100-SXM4-80GB"}},
             "A10": {"nodeSelector": {"nvidia.com/gpu.product": "NVIDIA-A10"}},
             "L40S": {"nodeSelector": {"nvidia.com/gpu.product": "NVIDIA-L40S"}},
             "L4": {"nodeSelector": {"nvidia.com/gpu.product": "NVIDIA-L4"}}}""";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Toleration GPU_TOLERATION = new Toleration("NoSchedule", "nvidia.com/gpu", "Exists", null, null);

    /** How pods of one GPU type are placed. Null fields take the operator-wide defaults. */
    public record GpuType(Map<String, String> nodeSelector, String resourceName, List<Toleration> tolerations) {
    }

    /** The placement of one GPU type, fully resolved. */
    public record Placement(Map<String, String> nodeSelector, String resourceName, List<Toleration> tolerations) {
    }

    private final Map<String, GpuType> types;
    private final String defaultResourceName;
    private final String productLabel;

    public GpuCatalog(Map<String, GpuType> types, String defaultResourceName, String productLabel) {
        this.types = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.types.putAll(types);
        this.defaultResourceName = defaultResourceName;
        this.productLabel = productLabel;
    }

    public static GpuCatalog from(OperatorConfig.Gpu config) {
        return new GpuCatalog(parse(config.catalog()), config.resourceName(), config.productLabel());
    }

    public static Map<String, GpuType> parse(String yamlOrJson) {
        try {
            Map<String, GpuType> parsed = YAML.readValue(yamlOrJson, new TypeReference<Map<String, GpuType>>() {
            });
            return parsed == null ? Map.of() : parsed;
        } catch (Exception e) {
            throw new IllegalArgumentException("modeldeploy.gpu.catalog is not valid YAML/JSON: " + e.getMessage(), e);
        }
    }

    public Placement placementFor(String gpuType) {
        GpuType type = types.get(gpuType);
        if (type == null) {
            return new Placement(Map.of(productLabel, gpuType), defaultResourceName, List.of(GPU_TOLERATION));
        }
        return new Placement(
                type.nodeSelector() == null ? Map.of() : Map.copyOf(type.nodeSelector()),
                type.resourceName() == null ? defaultResourceName : type.resourceName(),
                type.tolerations() == null ? List.of(GPU_TOLERATION) : List.copyOf(type.tolerations()));
    }

    public String defaultResourceName() {
        return defaultResourceName;
    }
}
