package io.modeldeploy.operator.config;

import io.fabric8.kubernetes.api.model.Toleration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.modeldeploy.operator.Fixtures.defaultGpuCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpuCatalogTest {
    private static final Toleration GPU_TAINT = new Toleration("NoSchedule", "nvidia.com/gpu", "Exists", null, null);

    /** A catalog in YAML, as an installation writes it in its Helm values. */
    private static final String CUSTOM_YAML = """
            H100:
              nodeSelector: {nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3, pool: training}
            MI300X:
              nodeSelector: {amd.com/gpu.product: MI300X}
              resourceName: amd.com/gpu
              tolerations:
                - {key: amd.com/gpu, operator: Exists, effect: NoSchedule}
            Ascend910B:
              resourceName: huawei.com/Ascend910
            """;

    private static GpuCatalog custom() {
        return new GpuCatalog(GpuCatalog.parse(CUSTOM_YAML), "nvidia.com/gpu", "nvidia.com/gpu.product");
    }

    @Test
    void defaultCatalogParsesAsJson() {
        assertThat(GpuCatalog.parse(GpuCatalog.DEFAULT_CATALOG)).containsOnlyKeys("H100", "H200", "A100", "A10", "L40S", "L4");
    }

    @Test
    void yamlCatalogParses() {
        Map<String, GpuCatalog.GpuType> types = GpuCatalog.parse(CUSTOM_YAML);

        assertThat(types).containsOnlyKeys("H100", "MI300X", "Ascend910B");
        assertThat(types.get("H100").nodeSelector()).containsEntry("pool", "training");
    }

    @Test
    void knownTypeGetsItsNodeSelectorDefaultResourceAndGpuToleration() {
        GpuCatalog.Placement placement = defaultGpuCatalog().placementFor("H100");

        assertThat(placement.nodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3"));
        assertThat(placement.resourceName()).isEqualTo("nvidia.com/gpu");
        assertThat(placement.tolerations()).containsExactly(GPU_TAINT);
    }

    @Test
    void lookupIgnoresCase() {
        assertThat(defaultGpuCatalog().placementFor("l40s")).isEqualTo(defaultGpuCatalog().placementFor("L40S"));
        assertThat(defaultGpuCatalog().placementFor("h100").nodeSelector())
                .containsEntry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3");
    }

    @Test
    void unknownTypeSelectsOnTheProductLabel() {
        GpuCatalog.Placement placement = defaultGpuCatalog().placementFor("NVIDIA-GeForce-RTX-4090");

        assertThat(placement.nodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.product", "NVIDIA-GeForce-RTX-4090"));
        assertThat(placement.resourceName()).isEqualTo("nvidia.com/gpu");
        assertThat(placement.tolerations()).containsExactly(GPU_TAINT);
    }

    @Test
    void unknownTypeUsesTheConfiguredProductLabelAndResourceName() {
        GpuCatalog catalog = new GpuCatalog(Map.of(), "example.com/accelerator", "example.com/accelerator-model");

        GpuCatalog.Placement placement = catalog.placementFor("X1");
        assertThat(placement.nodeSelector()).containsExactly(Map.entry("example.com/accelerator-model", "X1"));
        assertThat(placement.resourceName()).isEqualTo("example.com/accelerator");
    }

    @Test
    void customResourceNameAndTolerationsReplaceTheDefaults() {
        GpuCatalog.Placement placement = custom().placementFor("MI300X");

        assertThat(placement.nodeSelector()).containsExactly(Map.entry("amd.com/gpu.product", "MI300X"));
        assertThat(placement.resourceName()).isEqualTo("amd.com/gpu");
        assertThat(placement.tolerations()).containsExactly(new Toleration("NoSchedule", "amd.com/gpu", "Exists", null, null));
    }

    @Test
    void typeWithoutNodeSelectorSelectsNoNodesButKeepsItsResource() {
        GpuCatalog.Placement placement = custom().placementFor("ascend910b");

        assertThat(placement.nodeSelector()).isEmpty();
        assertThat(placement.resourceName()).isEqualTo("huawei.com/Ascend910");
        assertThat(placement.tolerations()).containsExactly(GPU_TAINT);
    }

    @Test
    void emptyTolerationListMeansNoTolerations() {
        GpuCatalog catalog = new GpuCatalog(GpuCatalog.parse("T4: {tolerations: []}"), "nvidia.com/gpu", "nvidia.com/gpu.product");

        assertThat(catalog.placementFor("T4").tolerations()).isEmpty();
    }

    @Test
    void defaultResourceNameIsExposed() {
        assertThat(defaultGpuCatalog().defaultResourceName()).isEqualTo("nvidia.com/gpu");
    }

    @Test
    void placementIsACopyTheCatalogDoesNotShare() {
        GpuCatalog catalog = custom();
        List<Toleration> tolerations = catalog.placementFor("MI300X").tolerations();

        assertThatThrownBy(tolerations::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThat(catalog.placementFor("MI300X").tolerations()).hasSize(1);
    }

    @Test
    void malformedTextIsRefused() {
        assertThatThrownBy(() -> GpuCatalog.parse("{H100: [unclosed"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("modeldeploy.gpu.catalog");
    }

    @Test
    void unknownFieldIsRefused() {
        assertThatThrownBy(() -> GpuCatalog.parse("H100: {nodeSelectors: {a: b}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodeSelectors");
    }

    @Test
    void wrongShapeIsRefused() {
        assertThatThrownBy(() -> GpuCatalog.parse("[H100, A100]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullDocumentIsAnEmptyCatalog() {
        assertThat(GpuCatalog.parse("~")).isEmpty();
    }
}
