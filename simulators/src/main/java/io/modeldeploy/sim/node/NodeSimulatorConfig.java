package io.modeldeploy.sim.node;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the SIMULATED part of the local harness: which GPU nodes exist and how fast the
 * simulated kubelet and engines behave. Loaded from YAML (see {@code hack/node-simulator.yaml}).
 *
 * @param nodes            the simulated GPU nodes
 * @param gpuResourceName  extended resource the nodes advertise (e.g. {@code nvidia.com/gpu})
 * @param engineLoadDelayMs how long a simulated engine "loads weights" before its port answers
 * @param tickMs           how often the simulated kubelet looks at its pods (and the finest probe period)
 * @param terminationDelayMs how long a deleted pod stays Terminating after its engines got the signal
 *                         to stop (a real engine drains its requests), before the kubelet removes it
 * @param loopbackOctet    second octet of the simulated pod network: node {@code i} owns
 *                         {@code 127.<loopbackOctet>.i.0/24}; two simulators on one machine (the
 *                         {@code make up} cluster and the test cluster) need different values
 * @param timeScale        factor applied to probe timings (initialDelaySeconds, periodSeconds): 0.1 runs a
 *                         10 s probe period every second, so tests need not wait real periods while
 *                         thresholds keep their meaning (counts of probe attempts)
 */
public record NodeSimulatorConfig(List<NodeSpec> nodes, String gpuResourceName, long engineLoadDelayMs,
                                  long tickMs, double timeScale, long terminationDelayMs,
                                  int loopbackOctet) {

    public static final String GPU_PRODUCT_LABEL = "nvidia.com/gpu.product";

    /**
     * One simulated node.
     *
     * @param gpuProduct value of the {@code nvidia.com/gpu.product} label, as NVIDIA GPU feature discovery writes it
     * @param taints     {@code key[=value]:Effect} strings; GPU nodes are commonly tainted so only GPU pods land there
     */
    public record NodeSpec(String name, String gpuProduct, int gpuCount, String cpu, String memory,
                           Map<String, String> labels, List<String> taints) {
        public NodeSpec {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            taints = taints == null ? List.of() : List.copyOf(taints);
        }
    }

    public NodeSimulatorConfig {
        nodes = List.copyOf(nodes);
        if (gpuResourceName == null || gpuResourceName.isBlank()) {
            gpuResourceName = "nvidia.com/gpu";
        }
        if (engineLoadDelayMs < 0) {
            engineLoadDelayMs = 0;
        }
        if (tickMs <= 0) {
            tickMs = 200;
        }
        if (terminationDelayMs < 0) {
            terminationDelayMs = 0;
        }
        if (timeScale <= 0) {
            timeScale = 0.1;
        }
        if (loopbackOctet == 0) {
            loopbackOctet = 1;
        }
        if (loopbackOctet < 1 || loopbackOctet > 254) {
            throw new IllegalArgumentException("loopbackOctet must be 1..254, was " + loopbackOctet);
        }
        if (nodes.size() > 250) {
            throw new IllegalArgumentException("at most 250 simulated nodes (one loopback /24 each)");
        }
    }

    public Duration engineLoadDelay() {
        return Duration.ofMillis(engineLoadDelayMs);
    }

    public Duration terminationDelay() {
        return Duration.ofMillis(terminationDelayMs);
    }

    public Duration tick() {
        return Duration.ofMillis(tickMs);
    }

    /** A Kubernetes duration in seconds, as the simulator plays it. */
    public Duration scaled(int seconds) {
        return Duration.ofMillis((long) Math.ceil(seconds * 1000L * timeScale));
    }

    public NodeSimulatorConfig withEngineLoadDelay(Duration delay) {
        return new NodeSimulatorConfig(nodes, gpuResourceName, delay.toMillis(), tickMs, timeScale, terminationDelayMs,
                loopbackOctet);
    }

    public NodeSimulatorConfig withLoopbackOctet(int octet) {
        return new NodeSimulatorConfig(nodes, gpuResourceName, engineLoadDelayMs, tickMs, timeScale, terminationDelayMs,
                octet);
    }

    /** Two nodes with 8 x H100 and two with 4 x L40S, tainted for GPU workloads. */
    public static NodeSimulatorConfig defaults() {
        List<String> gpuTaint = List.of("nvidia.com/gpu=present:NoSchedule");
        return new NodeSimulatorConfig(List.of(
                new NodeSpec("sim-h100-0", "NVIDIA-H100-80GB-HBM3", 8, "96", "1024Gi", Map.of(), gpuTaint),
                new NodeSpec("sim-h100-1", "NVIDIA-H100-80GB-HBM3", 8, "96", "1024Gi", Map.of(), gpuTaint),
                new NodeSpec("sim-l40s-0", "NVIDIA-L40S", 4, "48", "384Gi", Map.of(), gpuTaint),
                new NodeSpec("sim-l40s-1", "NVIDIA-L40S", 4, "48", "384Gi", Map.of(), gpuTaint)),
                "nvidia.com/gpu", 1000, 200, 0.1, 500, 1);
    }

    public static NodeSimulatorConfig load(Path yaml) throws IOException {
        return new ObjectMapper(new YAMLFactory())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .readValue(yaml.toFile(), NodeSimulatorConfig.class);
    }
}
