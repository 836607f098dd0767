package io.modeldeploy.e2e.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.e2e.support.Kubectl;
import io.modeldeploy.e2e.support.LocalCluster;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.e2e.support.OperatorProcess;
import io.modeldeploy.e2e.support.ServiceAccountKubeconfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart's RBAC is enough, and no more: the packaged operator runs with a token of the chart's
 * ServiceAccount (the REAL API server enforces the chart's roles), configured from the chart's own env,
 * through a create / expose + LoRA / unexpose / scale / stop / delete cycle; requests outside the roles
 * are refused. Subclasses choose the chart's shape: cluster-wide, or a list of watched namespaces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RbacSufficiencyCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String KIND = "ModelDeployment";

    private LocalCluster cluster;
    protected KubernetesClient admin;
    protected KubernetesClient asOperator;
    private Kubectl kubectl;
    protected String release;
    protected String ns;
    private List<ObjectNode> chart;
    private OperatorProcess operator;
    private Optional<OperatorHarness> otherOperator;
    private Path operatorLog;
    private long logStart;

    /** Values on top of the defaults, for the watched namespace {@code ns}. */
    protected abstract String values(String ns);

    /** Whether {@link #values} leave multi-node instances on (chart {@code multiNode.enabled}). */
    protected boolean multiNodeEnabled() {
        return true;
    }

    /** Whether {@link #values} leave NetworkPolicies on (chart {@code config.networkPolicy.enabled}). */
    protected boolean networkPoliciesEnabled() {
        return true;
    }

    @BeforeAll
    void setUp() throws IOException {
        cluster = LocalCluster.get();
        admin = cluster.client();
        kubectl = new Kubectl(cluster);
        OperatorHarness.installCrds(cluster);
        // An operator started by another test class (admin credentials, all namespaces) would do the work
        // and hide a missing permission: it pauses while this class runs.
        otherOperator = OperatorHarness.ifStarted();
        otherOperator.ifPresent(h -> h.operator().stop());

        release = cluster.createNamespace("rbac-operator");
        ns = cluster.createNamespace("rbac-team");
        Path values = Files.createTempFile("rbac", ".yaml");
        // Leader election on, as the chart sets it for several replicas: its Lease Role is checked too.
        Files.writeString(values, "leaderElection: {enabled: true}\n" + values(ns));
        chart = Chart.render(release, Optional.of(values));
        for (String kind : List.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")) {
            for (ObjectNode object : Chart.ofKind(chart, kind)) {
                admin.resource(Serialization.unmarshal(object.toString(), GenericKubernetesResource.class))
                        .fieldManager("rbac-it").forceConflicts().serverSideApply();
            }
        }

        Path kubeconfig = ServiceAccountKubeconfig.write(admin, release, operatorsOwn("ServiceAccount").path("metadata")
                .path("name").asText(), cluster.root().resolve("e2e-tests/target/rbac-it.kubeconfig"));
        asOperator = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        Map<String, String> env = new LinkedHashMap<>(chartEnv());
        env.put("KUBECONFIG", kubeconfig.toString());
        env.put("MODELDEPLOY_LEADER_ELECTION_LEASE_NAMESPACE", release);
        // OperatorProcess appends to one log for the whole run: only what this operator writes counts.
        operatorLog = cluster.root().resolve("e2e-tests/target/operator-it.log");
        logStart = Files.exists(operatorLog) ? Files.size(operatorLog) : 0;
        operator = new OperatorProcess(cluster, env).start();
    }

    /** A refused call the operator only logs (an Event, a Lease renewal) would not fail a phase check. */
    private void assertNoRefusalInOperatorLog() throws IOException {
        String log = Files.readString(operatorLog).substring((int) logStart);
        assertThat(log).as("operator log since start").doesNotContainIgnoringCase("forbidden")
                .doesNotContain("Stopped leading");
    }

    @AfterAll
    void tearDown() {
        try {
            if (operator != null) {
                // Deleting the namespace needs the operator for its finalizers; stop only afterwards.
                cluster.deleteNamespace(ns);
                operator.stop();
            }
            cluster.deleteNamespace(release);
            for (String kind : List.of("ClusterRoleBinding", "ClusterRole")) {
                Chart.ofKind(chart, kind).forEach(o -> admin.resource(
                        Serialization.unmarshal(o.toString(), GenericKubernetesResource.class)).delete());
            }
        } finally {
            otherOperator.ifPresent(h -> h.operator().start());
        }
    }

    @Test
    void createScaleStopDeleteWithOnlyTheChartsPermissions() throws IOException {
        kubectl.ok("apply", "-n", ns, "-f", cluster.root().resolve("samples/quickstart-vllm.yaml").toString());
        ModelDeploymentView md = awaitPhase("qwen-chat", "Running");
        assertThat(md.conditionIs("Ready", "True", "AllInstancesReady")).isTrue();
        // The operator's own writes: the API-key Secret (create), Deployment and Service (apply), an Event.
        assertThat(admin.secrets().inNamespace(ns).withName("qwen-chat-api-key").get()).isNotNull();
        assertThat(admin.services().inNamespace(ns).withName("qwen-chat").get()).isNotNull();
        assertThat(admin.v1().events().inNamespace(ns).list().getItems())
                .anySatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo("qwen-chat"));
        // The deployment's NetworkPolicy (apply, watched by its own informer).
        assertThat(admin.network().v1().networkPolicies().inNamespace(ns).withName("qwen-chat").get() != null)
                .isEqualTo(networkPoliciesEnabled());
        // Leader election ran on the chart's Lease.
        assertThat(admin.leases().inNamespace(release).withName("modeldeploy-operator-lease").get()).isNotNull();

        // An Ingress (apply, then delete when exposure drops it) and LoRA's adapter-sync ConfigMap (apply).
        kubectl.ok("patch", "-n", ns, "md/qwen-chat", "--type=merge", "-p",
                "{\"spec\":{\"adapters\":[],\"exposure\":{\"ingress\":{\"host\":\"qwen.example.com\"}}}}");
        Await.until("Ingress and adapter-sync ConfigMap", TIMEOUT, () ->
                admin.network().v1().ingresses().inNamespace(ns).withName("qwen-chat").get() != null
                        && admin.configMaps().inNamespace(ns).withName("qwen-chat-adapter-sync").get() != null ? true : null);
        kubectl.ok("patch", "-n", ns, "md/qwen-chat", "--type=merge", "-p", "{\"spec\":{\"exposure\":null}}");
        Await.until("Ingress removed by the operator", TIMEOUT,
                () -> admin.network().v1().ingresses().inNamespace(ns).withName("qwen-chat").get() == null ? true : null);
        awaitPhase("qwen-chat", "Running");

        kubectl.ok("scale", "-n", ns, "md/qwen-chat", "--replicas=2");
        Await.until("2 ready instances", TIMEOUT, () -> {
            ModelDeploymentView now = md("qwen-chat");
            if (!"Running".equals(now.phase()) || now.instances().size() != 2) {
                throw new AssertionError("status is " + now.status());
            }
            return now;
        });

        kubectl.ok("patch", "-n", ns, "md/qwen-chat", "--type=merge", "-p", "{\"spec\":{\"stopped\":true}}");
        awaitPhase("qwen-chat", "Stopped");

        if (multiNodeEnabled()) {
            multiNodeGroupsComeAndGo();
        } else {
            multiNodeIsRefusedAndPodsCannotBeCreated();
        }

        kubectl.ok("delete", "-n", ns, "md/qwen-chat", "--wait=false");
        Await.until("qwen-chat gone (finalizer released by the operator)", TIMEOUT,
                () -> admin.genericKubernetesResources(OperatorHarness.API_VERSION, KIND).inNamespace(ns)
                        .withName("qwen-chat").get() == null ? true : null);
        // Lease renewals run every few seconds: by now a refused one would have been logged.
        assertNoRefusalInOperatorLog();
    }

    private void multiNodeGroupsComeAndGo() {
        // Multi-node groups: the Deployment gives way (delete), group pods are created and deleted by the
        // operator itself (create, delete), the leaders Service comes and goes (apply, delete).
        kubectl.ok("patch", "-n", ns, "md/qwen-chat", "--type=merge", "-p",
                "{\"spec\":{\"stopped\":false,\"adapters\":null,\"quickStart\":{\"resources\":{\"workers\":2}}}}");
        Await.until("2 ready groups", TIMEOUT, () -> {
            ModelDeploymentView now = md("qwen-chat");
            if (!"Running".equals(now.phase()) || now.instances().size() != 2
                    || admin.apps().deployments().inNamespace(ns).withName("qwen-chat").get() != null) {
                throw new AssertionError("status is " + now.status());
            }
            return now;
        });
        kubectl.ok("patch", "-n", ns, "md/qwen-chat", "--type=merge", "-p",
                "{\"spec\":{\"quickStart\":{\"resources\":{\"workers\":1}}}}");
        Await.until("back on a Deployment, groups and leaders Service gone", TIMEOUT, () -> {
            ModelDeploymentView now = md("qwen-chat");
            boolean groupsGone = admin.pods().inNamespace(ns).withLabel("modeldeploy.io/group").list().getItems().isEmpty();
            boolean leadersGone = admin.services().inNamespace(ns).withName("qwen-chat-leaders").get() == null;
            if (!"Running".equals(now.phase()) || !groupsGone || !leadersGone) {
                throw new AssertionError("status is " + now.status());
            }
            return now;
        });
    }

    /** Without multi-node instances the chart grants no pod create: workers > 1 is refused before any is tried. */
    private void multiNodeIsRefusedAndPodsCannotBeCreated() {
        kubectl.ok("patch", "-n", ns, "md/qwen-chat", "--type=merge", "-p",
                "{\"spec\":{\"stopped\":false,\"adapters\":null,\"quickStart\":{\"resources\":{\"workers\":2}}}}");
        ModelDeploymentView refused = awaitPhase("qwen-chat", "Failed");
        assertThat(refused.conditionMessage("Ready")).contains("spec.quickStart.resources.workers")
                .contains("disabled in this installation");
        assertForbidden(() -> asOperator.pods().inNamespace(ns).resource(new PodBuilder()
                .withNewMetadata().withName("not-allowed").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()).create());
    }

    @Test
    void theChartsProbesAndMetricsAnswerOnTheRealOperator() {
        JsonNode container = operatorsOwn("Deployment")
                .path("spec").path("template").path("spec").path("containers").get(0);
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String path = container.path(probe).path("httpGet").path("path").asText();
            assertThat(operator.status(path)).as(probe + " " + path).isEqualTo(200);
        }
        assertThat(operator.metrics()).contains("# TYPE");
    }

    @Test
    void requestsOutsideTheClusterRoleAreRefused() {
        // Authorization comes before any lookup: none of these objects needs to exist.
        assertForbidden(() -> asOperator.nodes().list());
        assertForbidden(() -> asOperator.apps().statefulSets().inNamespace(ns).list());
        assertForbidden(() -> asOperator.apps().deployments().inNamespace(ns).delete());
        assertForbidden(() -> asOperator.pods().inNamespace(ns).delete());
        assertForbidden(() -> asOperator.secrets().inNamespace(ns).withName("qwen-chat-api-key").delete());
        assertForbidden(() -> asOperator.apiextensions().v1().customResourceDefinitions().list());
        assertForbidden(() -> asOperator.rbac().clusterRoles().list());
        // The Lease permission is for its own Lease only.
        assertForbidden(() -> asOperator.leases().inNamespace(release).withName("someone-elses-lease").get());
    }

    protected static void assertForbidden(Runnable request) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(KubernetesClientException.class,
                e -> assertThat(e.getCode()).as(e.getMessage()).isEqualTo(403));
    }

    private ModelDeploymentView md(String name) {
        GenericKubernetesResource r = admin.genericKubernetesResources(OperatorHarness.API_VERSION, KIND)
                .inNamespace(ns).withName(name).get();
        if (r == null) {
            throw new AssertionError(name + " does not exist");
        }
        return new ModelDeploymentView(r);
    }

    private ModelDeploymentView awaitPhase(String name, String phase) {
        return Await.until(name + " phase " + phase, TIMEOUT, () -> {
            ModelDeploymentView md = md(name);
            if (!phase.equals(md.phase())) {
                throw new AssertionError("status is " + md.status());
            }
            return md;
        });
    }

    /** The chart Deployment's env with literal values; the management port stays the harness's own. */
    private Map<String, String> chartEnv() {
        JsonNode container = operatorsOwn("Deployment")
                .path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            if (e.has("value") && !e.path("name").asText().equals("QUARKUS_MANAGEMENT_PORT")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        return env;
    }

    /** The operator's object of a kind (the chart also installs the gateway's, named {@code ...-gateway}). */
    private JsonNode operatorsOwn(String kind) {
        return Chart.ofKind(chart, kind).stream()
                .filter(o -> !o.path("metadata").path("name").asText().endsWith("-gateway")).findFirst().orElseThrow();
    }

}
