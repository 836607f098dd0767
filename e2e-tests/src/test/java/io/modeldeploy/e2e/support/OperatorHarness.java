package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.modeldeploy.sim.testing.Await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The local cluster plus the operator under test: the committed CRD from {@code crds/} installed on
 * the real API server, and the packaged operator running as its own process (one per test JVM).
 */
public final class OperatorHarness {
    public static final String API_VERSION = "modeldeploy.io/v1alpha1";
    public static final String KIND = "ModelDeployment";
    /**
     * How often the operator under test asks a vendor again with refused credentials
     * ({@code modeldeploy.managed.credentials-recheck}, 5 minutes by default): short, so a test sees several tries.
     */
    public static final Duration CREDENTIALS_RECHECK = Duration.ofSeconds(3);

    private static OperatorHarness instance;

    private final LocalCluster cluster;
    private final OperatorProcess operator;
    private final Kubectl kubectl;
    private final GatewayLoadStub gatewayLoad;

    /** Where the operator publishes keys for the gateway (GatewayProcess reads them there). */
    public static final String GATEWAY_NAMESPACE = "modeldeploy-gateway";

    private OperatorHarness() {
        cluster = LocalCluster.get();
        installCrds(cluster);
        ensureNamespace(cluster, GATEWAY_NAMESPACE);
        gatewayLoad = GatewayLoadStub.start();
        operator = new OperatorProcess(cluster, Map.of("MODELDEPLOY_GATEWAY_NAMESPACE", GATEWAY_NAMESPACE,
                "MODELDEPLOY_MANAGED_CREDENTIALS_RECHECK", CREDENTIALS_RECHECK.toSeconds() + "s",
                "MODELDEPLOY_AUTOSCALING_GATEWAY_URLS", gatewayUrls(gatewayLoad))).start();
        kubectl = new Kubectl(cluster);
        Runtime.getRuntime().addShutdownHook(new Thread(operator::stop, "operator-stop"));
    }

    /**
     * The scaler reads the stub's load report, unless the system property {@code modeldeploy.it.gateway-urls}
     * names real gateway replicas instead (comma-separated management base URLs: every replica must list a
     * deployment before the scaler removes any of its instances).
     */
    private static String gatewayUrls(GatewayLoadStub stub) {
        String real = System.getProperty("modeldeploy.it.gateway-urls", "").strip();
        return real.isEmpty() ? stub.url() : real;
    }

    /**
     * Restarts the operator with its scaler reading these gateway replicas' load reports (comma-separated management
     * base URLs, e.g. of {@code GatewayProcess}es started after the harness); {@link #gatewayLoad()}'s URL puts the
     * stub back.
     */
    public void pointScalerAt(String gatewayUrls) {
        operator.stop();
        operator.withEnv("MODELDEPLOY_AUTOSCALING_GATEWAY_URLS", gatewayUrls).start();
    }

    /** The load report the operator's scaler reads: a test sets a deployment's in-flight and held requests there. */
    public GatewayLoadStub gatewayLoad() {
        return gatewayLoad;
    }

    public static synchronized OperatorHarness get() {
        if (instance == null) {
            instance = new OperatorHarness();
        }
        return instance;
    }

    /** The harness if a test class already started it: its operator reconciles every namespace. */
    public static synchronized java.util.Optional<OperatorHarness> ifStarted() {
        return java.util.Optional.ofNullable(instance);
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    public OperatorProcess operator() {
        return operator;
    }

    /**
     * Stops the operator, reads {@code whileStopped} (no late write of the old process can change it afterwards),
     * starts it again and waits until the new process reconciled {@code namespace/name}; returns what was read.
     */
    public <T> T restartOperator(String namespace, String name, java.util.function.Supplier<T> whileStopped) {
        operator.stop();
        T read;
        try {
            read = whileStopped.get();
        } finally {
            operator.start();
        }
        operator.awaitReconciled(namespace, name, 0);
        return read;
    }

    public Kubectl kubectl() {
        return kubectl;
    }

    public NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> mds(String namespace) {
        return client().genericKubernetesResources(API_VERSION, KIND).inNamespace(namespace);
    }

    public ModelDeploymentView md(String namespace, String name) {
        GenericKubernetesResource r = mds(namespace).withName(name).get();
        if (r == null) {
            throw new AssertionError("ModelDeployment " + namespace + "/" + name + " does not exist");
        }
        return new ModelDeploymentView(r);
    }

    /** Waits for the phase; the assertion message carries the last status seen. */
    public ModelDeploymentView awaitPhase(String namespace, String name, String phase) {
        return Await.until(namespace + "/" + name + " phase " + phase, Duration.ofSeconds(90), () -> {
            ModelDeploymentView md = md(namespace, name);
            if (!phase.equals(md.phase())) {
                throw new AssertionError("status is " + md.status());
            }
            return md;
        });
    }

    /** Applies a sample file from {@code samples/} into the namespace with kubectl, as a user would. */
    public void applySample(String namespace, String file) {
        kubectl.ok("apply", "-n", namespace, "-f", cluster.root().resolve("samples").resolve(file).toString());
    }

    /** The gateway's namespace outlives test runs: only the operator's published keys are in it. */
    public static void ensureNamespace(LocalCluster cluster, String name) {
        if (cluster.client().namespaces().withName(name).get() == null) {
            cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                    .withNewMetadata().withName(name).endMetadata().build()).create();
        }
    }

    /** Installs the committed CRD from {@code crds/} and waits until it is served. */
    public static void installCrds(LocalCluster cluster) {
        Path dir = cluster.root().resolve("crds");
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = cluster.client().apiextensions().v1().customResourceDefinitions()
                            .load(in).item();
                    cluster.client().resource(crd).forceConflicts().serverSideApply();
                    cluster.client().apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                            .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                                    .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
                                    30, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + dir, e);
        }
    }
}
