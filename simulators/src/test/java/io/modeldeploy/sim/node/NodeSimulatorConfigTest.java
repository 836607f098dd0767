package io.modeldeploy.sim.node;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NodeSimulatorConfigTest {
    @Test
    void theHarnessConfigHasTwoEightGpuH200NodesForMultiNodeGroups() throws Exception {
        Path yaml = Path.of("").toAbsolutePath();
        while (!Files.exists(yaml.resolve("hack/node-simulator.yaml"))) {
            yaml = yaml.getParent();
        }
        NodeSimulatorConfig config = NodeSimulatorConfig.load(yaml.resolve("hack/node-simulator.yaml"));

        assertThat(config.nodes()).filteredOn(n -> n.gpuProduct().equals("NVIDIA-H200"))
                .extracting(NodeSimulatorConfig.NodeSpec::name).containsExactly("sim-h200-0", "sim-h200-1");
        assertThat(config.nodes()).filteredOn(n -> n.name().startsWith("sim-h200"))
                .allSatisfy(n -> {
                    assertThat(n.gpuCount()).isEqualTo(8);
                    assertThat(n.taints()).containsExactly("nvidia.com/gpu=present:NoSchedule");
                });
        assertThat(NodeSimulatorConfig.defaults().nodes()).noneMatch(n -> n.name().startsWith("sim-h200"));
    }
}
