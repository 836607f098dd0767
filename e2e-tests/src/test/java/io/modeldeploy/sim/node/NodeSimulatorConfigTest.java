package io.modeldeploy.sim.node;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NodeSimulatorConfigTest {
    @Test
    void theHarnessConfigHasTwoEightGpuA100NodesForMultiNodeGroups() throws Exception {
        Path yaml = Path.of("").toAbsolutePath();
        while (!Files.exists(yaml.resolve("hack/node-simulator.yaml"))) {
            yaml = yaml.getParent();
        }
        NodeSimulatorConfig config = NodeSimulatorConfig.load(yaml.resolve("hack/node-simulator.yaml"));

        assertThat(config.nodes()).filteredOn(n -> n.gpuProduct().equals("NVIDIA-A100-SXM4-80GB"))
                .extracting(NodeSimulatorConfig.NodeSpec::name).containsExactly("sim-a100-0", "sim-a100-1");
        assertThat(config.nodes()).filteredOn(n -> n.name().startsWith("sim-a100"))
                .allSatisfy(n -> {
                    assertThat(n.gpuCount()).isEqualTo(8);
                    assertThat(n.taints()).containsExactly("nvidia.com/gpu=present:NoSchedule");
                });
        assertThat(NodeSimulatorConfig.defaults().nodes()).noneMatch(n -> n.name().startsWith("sim-a100"));
    }
}
