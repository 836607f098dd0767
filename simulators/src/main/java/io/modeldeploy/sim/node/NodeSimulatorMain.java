package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the SIMULATED kubelet as a process: {@code NodeSimulatorMain [--config nodes.yaml]}, with the
 * cluster taken from {@code KUBECONFIG}. Stops on SIGTERM.
 */
public final class NodeSimulatorMain {
    private NodeSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        NodeSimulatorConfig config = NodeSimulatorConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                config = NodeSimulatorConfig.load(Path.of(args[++i]));
            } else {
                System.err.println("usage: NodeSimulatorMain [--config nodes.yaml]");
                System.exit(2);
            }
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        NodeSimulator simulator = NodeSimulator.start(client, config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            client.close();
            stopped.countDown();
        }, "node-simulator-shutdown"));
        System.out.println("node simulator ready: nodes " + simulator.nodeNames());
        stopped.await();
    }
}
