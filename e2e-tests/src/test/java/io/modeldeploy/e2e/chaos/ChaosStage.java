package io.modeldeploy.e2e.chaos;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.platform.drun.DRunSimulator;
import io.modeldeploy.sim.platform.http.SimOptions;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Where a scenario runs: a namespace of its own reconciled by the operator under test, four SIMULATED A100 nodes of
 * its own (the fleet's capacity), and a SIMULATED d.run in this JVM with the credentials Secret for it. Closing it
 * deletes the namespace while the vendor still answers the finalizers, then stops the vendor and removes the nodes.
 */
final class ChaosStage implements AutoCloseable {
    private static final String TOKEN = "chaos-drun-access-key";
    private static final List<String> NODES = IntStream.range(0, 4).mapToObj(i -> "chaos-a100-" + i).toList();

    private final TestNamespace ns;
    private DRunSimulator vendor;

    private ChaosStage(String prefix) {
        this.ns = TestNamespace.withOperator(prefix).withGpuNodes(ChaosManifests.GPU_PRODUCT, 4, NODES);
    }

    static ChaosStage open(String prefix) {
        ChaosStage stage = new ChaosStage(prefix);
        stage.ns.create();
        stage.vendor = startVendor();
        stage.ns.client().secrets().inNamespace(stage.ns.name()).resource(new SecretBuilder().withNewMetadata()
                .withName(ChaosManifests.DRUN_SECRET).withLabels(Map.of("modeldeploy.io/secret-type", "vendor-credentials"))
                .endMetadata().withStringData(Map.of("token", TOKEN)).build()).create();
        return stage;
    }

    /** A fresh SIMULATED d.run (an empty request log), for a second run of the same steps. */
    static DRunSimulator startVendor() {
        return DRunSimulator.start(new InetSocketAddress("127.0.0.1", 0), TOKEN, SimOptions.defaults()
                .withDeployDelay(Duration.ofSeconds(2)).withTransitionDelay(Duration.ofSeconds(1))
                .withDeleteDelay(Duration.ofSeconds(1)));
    }

    TestNamespace namespace() {
        return ns;
    }

    DRunSimulator vendor() {
        return vendor;
    }

    @Override
    public void close() {
        try {
            ns.delete();
        } finally {
            if (vendor != null) {
                vendor.close();
            }
        }
    }
}
