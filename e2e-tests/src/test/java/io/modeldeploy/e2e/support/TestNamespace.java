package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modeldeploy.sim.node.NodeSimulatorConfig.NodeSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared harness setup of an integration-test class, as a JUnit 5 extension: before all its tests, the REAL
 * local control plane with its SIMULATED nodes (and, {@link #withOperator}, the CRD and the packaged operator) and a
 * fresh namespace; after them, the node simulator's injected faults cleared and the namespace deleted (waiting
 * until the operator released every finalizer). Register it on a static field, then use it as the test namespace:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestNamespace ns = TestNamespace.withOperator("lora");
 * }</pre>
 *
 * Another extension can drive one itself ({@link #create}, {@link #delete}) with more around it, as
 * {@code ManagedNamespace} does with a simulated vendor that must answer the finalizers until the namespace is gone.
 */
public final class TestNamespace extends InNamespace implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> GPU_TAINTS = List.of("nvidia.com/gpu=present:NoSchedule");

    private final String prefix;
    private final boolean operator;
    private final List<NodeSpec> nodes = new ArrayList<>();
    private final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();

    private TestNamespace(String prefix, boolean operator) {
        this.prefix = prefix;
        this.operator = operator;
    }

    /** A namespace {@code <prefix>-xxxxxx} that the operator under test reconciles. */
    public static TestNamespace withOperator(String prefix) {
        return new TestNamespace(prefix, true);
    }

    /** A namespace on the cluster and its simulated nodes alone, for tests of the harness itself. */
    public static TestNamespace onCluster(String prefix) {
        return new TestNamespace(prefix, false);
    }

    /**
     * SIMULATED GPU nodes (96 CPUs, 1024Gi, tainted {@code nvidia.com/gpu=present:NoSchedule}) added before the
     * namespace and removed after it is gone, when the simulated kubelet has finished its pods' deletion.
     */
    public TestNamespace withGpuNodes(String gpuProduct, int gpus, List<String> names) {
        names.forEach(name -> nodes.add(new NodeSpec(name, gpuProduct, gpus, "96", "1024Gi", Map.of(), GPU_TAINTS)));
        return this;
    }

    /** A Secret created in the namespace before the tests, e.g. an engine's API key. */
    public TestNamespace withSecret(String name, Map<String, String> stringData) {
        secrets.put(name, Map.copyOf(stringData));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        delete();
    }

    /** Starts the harness if it is not running yet, adds the nodes, creates the namespace and its Secrets. */
    public void create() {
        OperatorHarness harness = operator ? OperatorHarness.get() : null;
        LocalCluster cluster = operator ? harness.cluster() : LocalCluster.get();
        if (!nodes.isEmpty()) {
            cluster.nodes().addNodes(nodes);
        }
        bind(cluster, harness, cluster.createNamespace(prefix));
        secrets.forEach((name, data) -> client().secrets().inNamespace(name()).resource(new SecretBuilder()
                .withNewMetadata().withName(name).endMetadata().withStringData(data).build()).create());
    }

    /** Clears the injected node faults, deletes the namespace and waits until it is gone, then removes the nodes. */
    public void delete() {
        if (name() == null) {
            return; // the cluster did not come up: nothing was created
        }
        try {
            cluster().nodes().faults().clearAll();
            cluster().deleteNamespace(name());
        } finally {
            if (!nodes.isEmpty()) {
                cluster().nodes().removeNodes(nodes.stream().map(NodeSpec::name).toList());
            }
        }
    }
}
