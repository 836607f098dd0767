package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.modeldeploy.sim.node.NodeSimulator;
import io.modeldeploy.sim.node.NodeSimulatorConfig;
import io.modeldeploy.sim.testing.BoundedProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The integration-test harness, shared by every test class in one JVM: the REAL local control plane
 * (started by {@code hack/local-cluster.sh} in its own state directory and ports, so it never collides
 * with a {@code make up} cluster) and an in-JVM SIMULATED kubelet for its GPU nodes.
 */
public final class LocalCluster {
    public static final String E2E_LABEL = "modeldeploy.io/e2e";
    /**
     * Several checkouts can run their integration tests at once on one machine: slot N (system property
     * {@code modeldeploy.test.slot}, default 0) moves the ports by 100 x N and the pod network to 127.(2+N).
     */
    private static final int SLOT = Integer.getInteger("modeldeploy.test.slot", 0);
    private static final int TEST_LOOPBACK_OCTET = 2 + SLOT;
    /**
     * {@code local-cluster.sh up} bounds each of its own waits (etcd 30 s, API server 60 s, controller manager
     * 60 s); this bound is for a hang outside those waits, with room for a slow shared machine.
     */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);

    private static LocalCluster instance;

    private final Path root;
    private final Path stateDir;
    private final KubernetesClient client;
    private final NodeSimulator nodes;

    private LocalCluster(Path root) throws IOException {
        this.root = root;
        this.stateDir = root.resolve(".local-cluster-test");
        up();
        this.client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig())))
                .build();
        removeLeftoverNamespaces();
        // A pod network apart from the `make up` cluster (127.1.x.x), so both can run on one machine.
        this.nodes = NodeSimulator.start(client, NodeSimulatorConfig.defaults().withLoopbackOctet(TEST_LOOPBACK_OCTET));
    }

    public static synchronized LocalCluster get() {
        if (instance == null) {
            try {
                instance = new LocalCluster(repositoryRoot());
            } catch (IOException e) {
                throw new IllegalStateException("could not start the local control plane", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "local-cluster-shutdown"));
        }
        return instance;
    }

    public KubernetesClient client() {
        return client;
    }

    public NodeSimulator nodes() {
        return nodes;
    }

    public Path kubeconfig() {
        return stateDir.resolve("kubeconfig");
    }

    public Path root() {
        return root;
    }

    /** A fresh namespace for one test class; labelled so a later run removes it if this one could not. */
    public String createNamespace(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of(E2E_LABEL, "true")).endMetadata().build();
        client.namespaces().resource(ns).create();
        return name;
    }

    /**
     * Deletes the namespace and waits until it is gone, so that the operator still runs to release its
     * finalizers (a namespace left Terminating would hold simulated GPUs for the next test class).
     */
    public void deleteNamespace(String name) {
        client.namespaces().withName(name).delete();
        try {
            client.namespaces().withName(name).waitUntilCondition(ns -> ns == null, 120, java.util.concurrent.TimeUnit.SECONDS);
        } catch (KubernetesClientException e) {
            throw new AssertionError("namespace " + name + " still there after 120 s: " + whyNotDeleted(name), e);
        }
    }

    /** The namespace controller's own account of what holds a namespace back (its status conditions). */
    private String whyNotDeleted(String name) {
        Namespace ns = client.namespaces().withName(name).get();
        if (ns == null || ns.getStatus() == null || ns.getStatus().getConditions() == null) {
            return "no conditions";
        }
        return ns.getStatus().getConditions().stream().filter(c -> "True".equals(c.getStatus()))
                .map(c -> c.getType() + ": " + c.getMessage()).collect(java.util.stream.Collectors.joining("; "));
    }

    /** Environment for processes (kubectl, scripts) that should talk to this cluster. */
    public Map<String, String> processEnvironment() {
        return Map.of("KUBECONFIG", kubeconfig().toString(), "LOCAL_CLUSTER_DIR", stateDir.toString());
    }

    private void up() throws IOException {
        localClusterScript("up");
    }

    /**
     * Stops the API server alone (etcd, the controllers, the simulated kubelet and every client stay), as a
     * control-plane crash or upgrade does; {@link #startApiServer} brings it back on the same port and data.
     */
    public void stopApiServer() {
        run("stop-apiserver");
    }

    /** Starts the API server stopped by {@link #stopApiServer} and returns once it answers {@code /readyz}. */
    public void startApiServer() {
        run("start-apiserver");
    }

    private void run(String command) {
        try {
            localClusterScript(command);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void localClusterScript(String command) throws IOException {
        // To a file, not the test JVM's stdout: Surefire's channel to the forked JVM must not carry child output.
        Path upLog = stateDir.resolve("up.log");
        Files.createDirectories(stateDir);
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("hack/local-cluster.sh").toString(), command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(upLog.toFile()));
        pb.environment().put("LOCAL_CLUSTER_DIR", stateDir.toString());
        pb.environment().put("LOCAL_CLUSTER_APISERVER_PORT", Integer.toString(16543 + 100 * SLOT));
        pb.environment().put("LOCAL_CLUSTER_ETCD_PORT", Integer.toString(12479 + 100 * SLOT));
        pb.environment().put("LOCAL_CLUSTER_ETCD_PEER_PORT", Integer.toString(12480 + 100 * SLOT));
        int exit = BoundedProcess.run(pb, UP_TIMEOUT).exitCode();
        if (exit != 0) {
            throw new IllegalStateException("hack/local-cluster.sh " + command + " failed (exit " + exit + "); see "
                    + upLog + " and the logs in " + stateDir.resolve("logs"));
        }
    }

    /**
     * Namespaces of an earlier, interrupted run. Their ModelDeployments may carry finalizers of an operator
     * that is gone, which would keep them Terminating forever: those finalizers are released here.
     */
    private void removeLeftoverNamespaces() {
        List<Namespace> leftovers = client.namespaces().withLabel(E2E_LABEL, "true").list().getItems();
        // Named explicitly: on a fresh cluster the CRD is not installed and discovery would fail.
        var mds = client.genericKubernetesResources(new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                .withGroup("modeldeploy.io").withVersion("v1alpha1").withKind("ModelDeployment")
                .withPlural("modeldeployments").withNamespaced(true).build());
        for (Namespace ns : leftovers) {
            client.namespaces().resource(ns).delete();
            try {
                mds.inNamespace(ns.getMetadata().getName()).list().getItems().forEach(md ->
                        mds.inNamespace(ns.getMetadata().getName()).withName(md.getMetadata().getName())
                                .edit(m -> { m.getMetadata().setFinalizers(List.of()); return m; }));
            } catch (io.fabric8.kubernetes.client.KubernetesClientException noCrdYet) {
                // a fresh cluster: no ModelDeployments, nothing to release
            }
        }
    }

    private void shutdown() {
        nodes.close();
        client.close();
    }

    /** The checkout this test run belongs to (where hack/local-cluster.sh is). */
    public static Path repositoryRoot() {
        String configured = System.getProperty("modeldeploy.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("hack/local-cluster.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (hack/local-cluster.sh) from " + start);
    }
}
