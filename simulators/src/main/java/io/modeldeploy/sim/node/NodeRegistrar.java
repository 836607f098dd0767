package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers the simulated GPU nodes and keeps them schedulable: GPU capacity, a Ready condition, and
 * no {@code node.kubernetes.io/not-ready} taint (the API server adds it to every new Node; without a
 * kubelet nobody would remove it).
 */
final class NodeRegistrar {
    static final String SIMULATED_LABEL = "sim.modeldeploy.io/simulated";

    private final KubernetesClient client;
    private final String gpuResourceName;

    NodeRegistrar(KubernetesClient client, String gpuResourceName) {
        this.client = client;
        this.gpuResourceName = gpuResourceName;
    }

    /**
     * Creates or repairs the node; writes nothing when it already looks right. Status goes first, then
     * the taints: replacing them with the configured ones drops the not-ready taint once the node is Ready.
     */
    void ensure(SimulatedNode node) {
        Node live = client.nodes().withName(node.name()).get();
        if (live == null) {
            live = client.nodes().resource(new NodeBuilder()
                    .withNewMetadata().withName(node.name()).withLabels(mergedLabels(node, null)).endMetadata()
                    .withNewSpec().withTaints(desiredTaints(node)).endSpec()
                    .build()).create();
        }
        if (!statusIsCurrent(live, node)) {
            // A merge patch of the status, so that concurrent writers to the Node (controllers) cannot conflict.
            String patch = "{\"status\":" + Serialization.asJson(desiredStatus(node)) + "}";
            live = client.nodes().withName(node.name()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        }
        Map<String, String> labels = mergedLabels(node, live);
        List<Taint> taints = desiredTaints(node);
        if (!labels.equals(live.getMetadata().getLabels()) || !taints.equals(orEmpty(live.getSpec().getTaints()))) {
            // A merge patch too: an edit carries the resourceVersion read above and fails with 409 when the node
            // controller wrote the new Node in between (seen on a freshly started cluster).
            String patch = Serialization.asJson(Map.of("metadata", Map.of("labels", labels), "spec", Map.of("taints", taints)));
            client.nodes().withName(node.name()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        }
    }

    private static List<Taint> orEmpty(List<Taint> taints) {
        return taints == null ? List.of() : taints;
    }

    private Map<String, String> mergedLabels(SimulatedNode node, Node live) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (live != null && live.getMetadata().getLabels() != null) {
            labels.putAll(live.getMetadata().getLabels());
        }
        labels.put("kubernetes.io/hostname", node.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put(SIMULATED_LABEL, "true");
        if (node.spec().gpuProduct() != null) {
            labels.put(NodeSimulatorConfig.GPU_PRODUCT_LABEL, node.spec().gpuProduct());
            labels.put("nvidia.com/gpu.count", Integer.toString(node.spec().gpuCount()));
            labels.put("nvidia.com/gpu.present", "true");
        }
        labels.putAll(node.spec().labels());
        return labels;
    }

    private static List<Taint> desiredTaints(SimulatedNode node) {
        List<Taint> taints = new ArrayList<>();
        for (String t : node.spec().taints()) {
            taints.add(parseTaint(t));
        }
        return taints;
    }

    /** Parses {@code key[=value]:Effect}. */
    static Taint parseTaint(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("taint must be key[=value]:Effect, got " + text);
        }
        String keyValue = text.substring(0, colon);
        int eq = keyValue.indexOf('=');
        return new TaintBuilder()
                .withKey(eq < 0 ? keyValue : keyValue.substring(0, eq))
                .withValue(eq < 0 ? null : keyValue.substring(eq + 1))
                .withEffect(text.substring(colon + 1))
                .build();
    }

    private boolean statusIsCurrent(Node live, SimulatedNode node) {
        NodeStatus status = live.getStatus();
        if (status == null || status.getCapacity() == null || status.getConditions() == null) {
            return false;
        }
        NodeStatus desired = desiredStatus(node);
        boolean ready = status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return ready && desired.getCapacity().equals(status.getCapacity())
                && desired.getAllocatable().equals(status.getAllocatable())
                && desired.getAddresses().equals(status.getAddresses());
    }

    private NodeStatus desiredStatus(SimulatedNode node) {
        Map<String, Quantity> capacity = new LinkedHashMap<>();
        capacity.put("cpu", new Quantity(node.spec().cpu()));
        capacity.put("memory", new Quantity(node.spec().memory()));
        capacity.put("pods", new Quantity("110"));
        capacity.put("ephemeral-storage", new Quantity("1Ti"));
        if (node.spec().gpuCount() > 0) {
            capacity.put(gpuResourceName, new Quantity(Integer.toString(node.spec().gpuCount())));
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        NodeCondition ready = new NodeConditionBuilder()
                .withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("simulated kubelet is posting ready status")
                .withLastHeartbeatTime(now).withLastTransitionTime(now)
                .build();
        return new NodeStatusBuilder()
                .withCapacity(capacity)
                .withAllocatable(capacity)
                .withConditions(ready)
                .addNewAddress().withType("InternalIP").withAddress(node.address()).endAddress()
                .addNewAddress().withType("Hostname").withAddress(node.name()).endAddress()
                .withNewNodeInfo()
                .withKubeletVersion("v1.20.2-sim").withKubeProxyVersion("v1.20.2-sim")
                .withContainerRuntimeVersion("sim://node-simulator").withOperatingSystem("linux")
                .withArchitecture("amd64").withOsImage("ModelDeploy node simulator")
                .withKernelVersion("sim").withMachineID(node.name()).withSystemUUID(node.name())
                .withBootID(node.name())
                .endNodeInfo()
                .build();
    }
}
