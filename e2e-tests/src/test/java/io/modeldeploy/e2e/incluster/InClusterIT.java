package io.modeldeploy.e2e.incluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.e2e.support.EngineClient;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.node.Fault;
import io.modeldeploy.sim.node.FaultRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-cluster reconciler end to end: samples applied with kubectl to the REAL API server, pods
 * placed by the REAL scheduler, played by the SIMULATED kubelet, answered by SIMULATED engines.
 */
class InClusterIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static OperatorHarness harness;
    private static KubernetesClient client;
    private static String ns;
    private static InNamespace inNs;

    @BeforeAll
    static void setUp() {
        harness = OperatorHarness.get();
        client = harness.client();
        ns = harness.cluster().createNamespace("incluster");
        inNs = new InNamespace(harness, ns);
    }

    @AfterAll
    static void tearDown() {
        harness.cluster().nodes().faults().clearAll();
        harness.cluster().deleteNamespace(ns);
    }

    @ParameterizedTest
    @CsvSource({"quickstart-vllm.yaml, qwen-chat, qwen-chat", "quickstart-sglang.yaml, llama-sglang, llama",
            "expert.yaml, mistral-expert, mistral"})
    void sampleReachesRunningAndServesOnlyWithItsKey(String sample, String name, String model) {
        harness.applySample(ns, sample);
        ModelDeploymentView md = harness.awaitPhase(ns, name, "Running");

        assertThat(md.statusField("apiKeySecret")).isEqualTo(name + "-api-key");
        assertThat(md.statusField("serviceUrl")).isEqualTo("http://" + name + "." + ns + ".svc:8000/v1");
        assertThat(md.statusField("servedNames")).isEqualTo(List.of(model));
        assertThat(md.conditionIs("Ready", "True", "AllInstancesReady")).isTrue();
        assertThat(md.instances()).singleElement().satisfies(i -> assertThat(i).containsEntry("ready", true));
        String key = inNs.apiKey(name);
        assertThat(md.resource().toString()).doesNotContain(key);

        EngineClient withKey = inNs.engineOf(md, key);
        var answer = withKey.chat(model, "hello operator");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("chat.completion");
        assertThat(inNs.engineOf(md, null).chat(model, "hi").statusCode()).isEqualTo(401);
        assertThat(inNs.engineOf(md, "sk-wrong").chat(model, "hi").statusCode()).isEqualTo(401);
    }

    @Test
    void scalesThroughTheScaleSubresource() {
        apply("scale-me", "L40S", 1, Map.of());
        harness.awaitPhase(ns, "scale-me", "Running");

        harness.kubectl().ok("scale", "-n", ns, "md/scale-me", "--replicas=3");
        Await.until("3 ready instances", TIMEOUT, () -> {
            ModelDeploymentView md = harness.awaitPhase(ns, "scale-me", "Running");
            return md.readyReplicas() == 3 && md.instances().size() == 3 ? md : null;
        });
        assertThat(harness.kubectl().ok("get", "-n", ns, "md/scale-me", "-o", "jsonpath={.status.selector}"))
                .isEqualTo("modeldeploy.io/deployment=scale-me");

        harness.kubectl().ok("scale", "-n", ns, "md/scale-me", "--replicas=1");
        Await.until("1 instance", TIMEOUT, () -> {
            ModelDeploymentView md = harness.md(ns, "scale-me");
            return "Running".equals(md.phase()) && md.readyReplicas() == 1 && md.instances().size() == 1 ? md : null;
        });
        // The two removed pods finish terminating (the simulated kubelet lets them drain briefly).
        Await.until("2 pods gone", TIMEOUT, () -> client.pods().inNamespace(ns)
                .withLabel("modeldeploy.io/deployment", "scale-me").list().getItems().size() == 1);
    }

    @Test
    void stopKeepsEverythingButPodsAndStartBringsThemBack() {
        apply("stop-me", "H100", 1, Map.of());
        harness.awaitPhase(ns, "stop-me", "Running");

        inNs.patchSpec("stop-me", Map.of("stopped", true));
        harness.awaitPhase(ns, "stop-me", "Stopped");
        assertThat(client.pods().inNamespace(ns).withLabel("modeldeploy.io/deployment", "stop-me").list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(ns).withName("stop-me").get()).isNotNull();
        assertThat(client.secrets().inNamespace(ns).withName("stop-me-api-key").get()).isNotNull();
        assertThat(client.apps().deployments().inNamespace(ns).withName("stop-me").get().getSpec().getReplicas()).isZero();
        assertThat(inNs.eventMessages("stop-me")).anyMatch(m -> m.contains("Running -> Stopping"))
                .anyMatch(m -> m.contains("Stopping -> Stopped"));

        inNs.patchSpec("stop-me", Map.of("stopped", false));
        harness.awaitPhase(ns, "stop-me", "Running");
    }

    @Test
    void gpuTypeWithoutANodeIsPendingWithTheSchedulersReason() {
        apply("no-a100", "A100", 1, Map.of());
        ModelDeploymentView md = harness.awaitPhase(ns, "no-a100", "Pending");
        Await.until("scheduler reason in Ready", TIMEOUT, () -> harness.md(ns, "no-a100").conditionMessage("Ready")
                .contains("0/4 nodes are available"));
        // The real 1.20 scheduler words a nodeSelector mismatch as node affinity.
        assertThat(harness.md(ns, "no-a100").conditionMessage("Ready")).contains("didn't match Pod's node affinity");
        assertThat(harness.md(ns, "no-a100").conditionIs("Degraded", "True", "Unschedulable")).isTrue();
        assertThat(md.readyReplicas()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void moreGpusThanAnyNodeHasIsPendingWithTheSchedulersReason() {
        GenericKubernetesResource md = quickStart("too-big", "L40S", 1);
        ((Map<String, Object>) quickStartResources(md).get("gpu")).put("count", 8);
        harness.mds(ns).resource(md).create();

        harness.awaitPhase(ns, "too-big", "Pending");
        Await.until("scheduler reason in Ready", TIMEOUT, () -> harness.md(ns, "too-big").conditionMessage("Ready")
                .contains("Insufficient nvidia.com/gpu"));
        assertThat(harness.md(ns, "too-big").conditionIs("Ready", "False", "Unschedulable")).isTrue();
    }

    @Test
    void crashLoopingEngineIsDegraded() {
        FaultRule rule = harness.cluster().nodes().faults()
                .inject(ns, Map.of("modeldeploy.io/deployment", "crashy"), Fault.CRASH_LOOP);
        try {
            apply("crashy", "L40S", 1, Map.of());
            Await.until("Degraded CrashLoopBackOff", TIMEOUT, () -> harness.md(ns, "crashy")
                    .conditionIs("Degraded", "True", "CrashLoopBackOff"));
            ModelDeploymentView md = harness.md(ns, "crashy");
            assertThat(md.phase()).isEqualTo("Starting");
            assertThat(md.conditionMessage("Degraded")).contains("CrashLoopBackOff");
            assertThat(inNs.eventReasons("crashy")).contains("CrashLoopBackOff");
        } finally {
            harness.cluster().nodes().faults().clear(rule);
        }
        harness.awaitPhase(ns, "crashy", "Running");
        assertThat(harness.md(ns, "crashy").conditionIs("Degraded", "False", "AsExpected")).isTrue();
    }

    @Test
    void kubectlExplainDescribesTheFieldsAndGetShowsTheColumns() {
        String explained = harness.kubectl().ok("explain", "md.spec.quickStart");
        assertThat(explained).contains("backend").contains("backendVersion").contains("resources");
        assertThat(harness.kubectl().ok("explain", "md.spec.replicas")).contains("scale subresource");

        apply("columns", "L40S", 0, Map.of());
        String header = harness.kubectl().ok("get", "md", "columns", "-n", ns).lines().findFirst().orElse("");
        assertThat(header).containsPattern("NAME\\s+MODE\\s+BACKEND\\s+MODEL\\s+GPU\\s+READY\\s+PHASE\\s+URL\\s+AGE");
    }

    @Test
    void specTheSchemaRefusesIsRejectedAtApplyTime() {
        GenericKubernetesResource bad = quickStart("negative", "H100", 1);
        spec(bad).put("replicas", -1);
        assertThatThrownBy(() -> harness.mds(ns).resource(bad).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.replicas");
    }

    @Test
    void specOnlyTheReconcilerCanRefuseFailsWithAConditionAndAnEvent() {
        GenericKubernetesResource bad = quickStart("bad-cpu", "H100", 1);
        quickStartResources(bad).put("cpu", "lots");
        harness.mds(ns).resource(bad).create();

        ModelDeploymentView md = harness.awaitPhase(ns, "bad-cpu", "Failed");
        assertThat(md.conditionIs("Ready", "False", "InvalidSpec")).isTrue();
        assertThat(md.conditionMessage("Ready")).contains("spec.quickStart.resources.cpu");
        Await.until("a Warning event", TIMEOUT, () -> inNs.eventReasons("bad-cpu").contains("InvalidSpec"));
        assertThat(client.apps().deployments().inNamespace(ns).withName("bad-cpu").get()).isNull();

        // Fixing the spec recovers without any other action.
        inNs.patchSpec("bad-cpu", Map.of("quickStart", Map.of("resources", Map.of("cpu", "4"))));
        harness.awaitPhase(ns, "bad-cpu", "Running");
    }

    @Test
    void changingTheKeyRollsThePods() {
        apply("rotate", "H100", 1, Map.of());
        ModelDeploymentView before = harness.awaitPhase(ns, "rotate", "Running");
        String oldPod = (String) before.instances().get(0).get("instanceId");
        String oldKey = inNs.apiKey("rotate");

        client.secrets().inNamespace(ns).withName("rotate-api-key").edit(s -> new SecretBuilder(s)
                .withData(Map.of("apiKey", Base64.getEncoder().encodeToString("sk-rotated-key".getBytes(StandardCharsets.UTF_8))))
                .build());

        ModelDeploymentView after = Await.until("a new pod with the new key", TIMEOUT, () -> {
            ModelDeploymentView md = harness.md(ns, "rotate");
            return "Running".equals(md.phase()) && md.instances().size() == 1
                    && !oldPod.equals(md.instances().get(0).get("instanceId")) ? md : null;
        });
        assertThat(inNs.engineOf(after, "sk-rotated-key").chat("rotate", "hi").statusCode()).isEqualTo(200);
        assertThat(inNs.engineOf(after, oldKey).chat("rotate", "hi").statusCode()).isEqualTo(401);
    }

    @Test
    void deletionRemovesEveryOwnedObject() {
        apply("delete-me", "L40S", 1, Map.of("exposure", Map.of("ingress", Map.of("host", "delete-me.example.com"))));
        harness.awaitPhase(ns, "delete-me", "Running");
        assertThat(client.network().v1().ingresses().inNamespace(ns).withName("delete-me").get()).isNotNull();

        harness.mds(ns).withName("delete-me").delete();
        Await.until("owned objects collected by the controller manager", TIMEOUT, () ->
                client.apps().deployments().inNamespace(ns).withName("delete-me").get() == null
                        && client.services().inNamespace(ns).withName("delete-me").get() == null
                        && client.secrets().inNamespace(ns).withName("delete-me-api-key").get() == null
                        && client.network().v1().ingresses().inNamespace(ns).withName("delete-me").get() == null
                        && client.pods().inNamespace(ns).withLabel("modeldeploy.io/deployment", "delete-me").list()
                        .getItems().isEmpty());
    }

    @Test
    void operatorRestartDuplicatesNothingAndWritesNothingWhileIdle() throws InterruptedException {
        apply("steady", "H100", 1, Map.of());
        harness.awaitPhase(ns, "steady", "Running");
        Thread.sleep(2000); // let the last status write and pod updates settle
        Map<String, String> before = versions("steady");

        harness.operator().stop();
        harness.operator().start();
        Thread.sleep(5000); // the restarted operator reconciles everything once at start

        assertThat(versions("steady")).isEqualTo(before);
        assertThat(client.apps().deployments().inNamespace(ns).withLabel("modeldeploy.io/deployment", "steady").list()
                .getItems()).hasSize(1);
        assertThat(client.services().inNamespace(ns).withLabel("modeldeploy.io/deployment", "steady").list()
                .getItems()).hasSize(1);
        assertThat(client.secrets().inNamespace(ns).withLabel("modeldeploy.io/deployment", "steady").list()
                .getItems()).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, String> versions(String name) {
        return Map.of(
                "md", harness.md(ns, name).resource().getMetadata().getResourceVersion(),
                "deployment", rv(client.apps().deployments().inNamespace(ns).withName(name).get()),
                "service", rv(client.services().inNamespace(ns).withName(name).get()),
                "secret", rv(client.secrets().inNamespace(ns).withName(name + "-api-key").get()));
    }

    private static String rv(HasMetadata object) {
        return object.getMetadata().getResourceVersion();
    }

    private void apply(String name, String gpuType, int replicas, Map<String, Object> extraSpec) {
        GenericKubernetesResource md = quickStart(name, gpuType, replicas);
        spec(md).putAll(extraSpec);
        harness.mds(ns).resource(md).create();
    }

    private static GenericKubernetesResource quickStart(String name, String gpuType, int replicas) {
        String yaml = """
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: %s}
                spec:
                  model: {id: Qwen/Qwen2.5-0.5B-Instruct}
                  replicas: %d
                  quickStart:
                    backend: vllm
                    backendVersion: "0.8.4"
                    resources: {cpu: "2", memory: 8Gi, gpu: {type: %s, count: 1}}
                """.formatted(name, replicas, gpuType);
        return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource md) {
        return (Map<String, Object>) md.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> quickStartResources(GenericKubernetesResource md) {
        return (Map<String, Object>) ((Map<String, Object>) spec(md).get("quickStart")).get("resources");
    }
}
