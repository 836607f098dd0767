package io.modeldeploy.e2e.incluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modeldeploy.e2e.support.EngineClient;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.ServiceRoute;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.node.Fault;
import io.modeldeploy.sim.node.FaultRule;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.modeldeploy.e2e.support.Manifests.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-cluster reconciler end to end: samples applied with kubectl to the REAL API server, pods
 * placed by the REAL scheduler, played by the SIMULATED kubelet, answered by SIMULATED engines.
 */
class InClusterIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("incluster");

    @ParameterizedTest
    @CsvSource({"quickstart-vllm.yaml, qwen-chat, qwen-chat", "quickstart-sglang.yaml, llama-sglang, llama",
            "expert.yaml, mistral-expert, mistral"})
    void sampleReachesRunningAndServesOnlyWithItsKey(String sample, String name, String model) {
        ns.applySample(sample);
        ModelDeploymentView md = ns.awaitPhase(name, "Running");

        assertThat(md.statusField("apiKeySecret")).isEqualTo(name + "-api-key");
        assertThat(md.statusField("serviceUrl")).isEqualTo("http://" + name + "." + ns.name() + ".svc:8000/v1");
        assertThat(md.statusField("servedNames")).isEqualTo(List.of(model));
        assertThat(md.conditionIs("Ready", "True", "AllInstancesReady")).isTrue();
        assertThat(md.instances()).singleElement().satisfies(i -> assertThat(i).containsEntry("ready", true));
        String key = ns.apiKey(name);
        assertThat(md.resource().toString()).doesNotContain(key);

        EngineClient withKey = ns.engineOf(md, key);
        var answer = withKey.chat(model, "hello operator");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("chat.completion");
        assertThat(ns.engineOf(md, null).chat(model, "hi").statusCode()).isEqualTo(401);
        assertThat(ns.engineOf(md, "sk-wrong").chat(model, "hi").statusCode()).isEqualTo(401);
    }

    @Test
    void scalesThroughTheScaleSubresource() {
        apply("scale-me", "L40S", 1, Map.of());
        ns.awaitPhase("scale-me", "Running");

        ns.harness().kubectl().ok("scale", "-n", ns.name(), "md/scale-me", "--replicas=3");
        Await.until("3 ready instances", TIMEOUT, () -> {
            ModelDeploymentView md = ns.awaitPhase("scale-me", "Running");
            return md.readyReplicas() == 3 && md.instances().size() == 3 ? md : null;
        });
        assertThat(ns.harness().kubectl().ok("get", "-n", ns.name(), "md/scale-me", "-o", "jsonpath={.status.selector}"))
                .isEqualTo("modeldeploy.io/deployment=scale-me");

        ns.harness().kubectl().ok("scale", "-n", ns.name(), "md/scale-me", "--replicas=1");
        Await.until("1 instance", TIMEOUT, () -> {
            ModelDeploymentView md = ns.md("scale-me");
            return "Running".equals(md.phase()) && md.readyReplicas() == 1 && md.instances().size() == 1 ? md : null;
        });
        // The two removed pods finish terminating (the simulated kubelet lets them drain briefly).
        Await.until("2 pods gone", TIMEOUT, () -> ns.client().pods().inNamespace(ns.name())
                .withLabel("modeldeploy.io/deployment", "scale-me").list().getItems().size() == 1);
    }

    @Test
    void stopKeepsEverythingButPodsAndStartBringsThemBack() {
        apply("stop-me", "H100", 1, Map.of());
        ns.awaitPhase("stop-me", "Running");

        ns.patchSpec("stop-me", Map.of("stopped", true));
        ns.awaitPhase("stop-me", "Stopped");
        assertThat(ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", "stop-me").list().getItems()).isEmpty();
        assertThat(ns.client().services().inNamespace(ns.name()).withName("stop-me").get()).isNotNull();
        assertThat(ns.client().secrets().inNamespace(ns.name()).withName("stop-me-api-key").get()).isNotNull();
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("stop-me").get().getSpec().getReplicas()).isZero();
        assertThat(ns.eventMessages("stop-me")).anyMatch(m -> m.contains("Running -> Stopping"))
                .anyMatch(m -> m.contains("Stopping -> Stopped"));

        ns.patchSpec("stop-me", Map.of("stopped", false));
        ns.awaitPhase("stop-me", "Running");
    }

    @Test
    void gpuTypeWithoutANodeIsPendingWithTheSchedulersReason() {
        apply("no-a100", "A100", 1, Map.of());
        ModelDeploymentView md = ns.awaitPhase("no-a100", "Pending");
        // Other test classes add and remove simulated nodes: the scheduler counts the nodes there are now.
        Await.until("scheduler reason in Ready", TIMEOUT, () -> ns.md("no-a100").conditionMessage("Ready")
                .contains("0/" + ns.client().nodes().list().getItems().size() + " nodes are available"));
        // The real 1.20 scheduler words a nodeSelector mismatch as node affinity.
        assertThat(ns.md("no-a100").conditionMessage("Ready")).contains("didn't match Pod's node affinity");
        assertThat(ns.md("no-a100").conditionIs("Degraded", "True", "Unschedulable")).isTrue();
        assertThat(md.readyReplicas()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void moreGpusThanAnyNodeHasIsPendingWithTheSchedulersReason() {
        GenericKubernetesResource md = quickStart("too-big", "L40S", 1);
        ((Map<String, Object>) quickStartResources(md).get("gpu")).put("count", 8);
        ns.create(md);

        ns.awaitPhase("too-big", "Pending");
        Await.until("scheduler reason in Ready", TIMEOUT, () -> ns.md("too-big").conditionMessage("Ready")
                .contains("Insufficient nvidia.com/gpu"));
        assertThat(ns.md("too-big").conditionIs("Ready", "False", "Unschedulable")).isTrue();
    }

    @Test
    void crashLoopingEngineIsDegraded() {
        FaultRule rule = ns.cluster().nodes().faults()
                .inject(ns.name(), Map.of("modeldeploy.io/deployment", "crashy"), Fault.CRASH_LOOP);
        try {
            apply("crashy", "L40S", 1, Map.of());
            Await.until("Degraded CrashLoopBackOff", TIMEOUT, () -> ns.md("crashy")
                    .conditionIs("Degraded", "True", "CrashLoopBackOff"));
            ModelDeploymentView md = ns.md("crashy");
            assertThat(md.phase()).isEqualTo("Starting");
            assertThat(md.conditionMessage("Degraded")).contains("CrashLoopBackOff");
            assertThat(ns.eventReasons("crashy")).contains("CrashLoopBackOff");
        } finally {
            ns.cluster().nodes().faults().clear(rule);
        }
        ns.awaitPhase("crashy", "Running");
        assertThat(ns.md("crashy").conditionIs("Degraded", "False", "AsExpected")).isTrue();
    }

    @Test
    void kubectlExplainDescribesTheFieldsAndGetShowsTheColumns() {
        String explained = ns.harness().kubectl().ok("explain", "md.spec.quickStart");
        assertThat(explained).contains("backend").contains("backendVersion").contains("resources");
        assertThat(ns.harness().kubectl().ok("explain", "md.spec.replicas")).contains("scale subresource");

        apply("columns", "L40S", 1, Map.of());
        ns.awaitPhase("columns", "Running");
        List<String> table = ns.harness().kubectl().ok("get", "md", "columns", "-n", ns.name()).lines().toList();
        assertThat(table).hasSize(2);
        assertThat(table.get(0).trim().split("\\s+"))
                .containsExactly("NAME", "MODE", "BACKEND", "MODEL", "GPU", "READY", "PHASE", "URL", "AGE");
        // Each value as a user reads it, written from the manifest above, not read back from status.
        String[] row = table.get(1).trim().split("\\s+");
        assertThat(row).hasSize(9);
        assertThat(List.of(row).subList(0, 8)).containsExactly("columns", "QuickStart", "vllm",
                "Qwen/Qwen2.5-0.5B-Instruct", "1xL40S", "1/1", "Running", "http://columns." + ns.name() + ".svc:8000/v1");
        assertThat(row[8]).matches("\\d+(s|m\\d*s?)");
    }

    /** How a client in the cluster calls a deployment: status.serviceUrl, through the Service's port and selector. */
    @Test
    void statusUrlLeadsThroughTheServiceToEveryReadyInstanceAndNoOther() {
        apply("via-service", "H100", 2, Map.of());
        apply("bystander", "H100", 1, Map.of());
        ns.awaitPhase("bystander", "Running");
        ModelDeploymentView md = Await.until("2 ready instances", TIMEOUT, () -> {
            ModelDeploymentView m = ns.awaitPhase("via-service", "Running");
            return m.readyReplicas() == 2 && m.instances().size() == 2 ? m : null;
        });

        ServiceRoute route = ServiceRoute.resolve(ns.client(), (String) md.statusField("serviceUrl"));
        assertThat(route.path()).isEqualTo("/v1");
        assertThat(route.backends()).extracting(ServiceRoute.Backend::pod)
                .containsExactlyInAnyOrderElementsOf(md.instances().stream().map(i -> (String) i.get("instanceId")).toList());
        String key = ns.apiKey("via-service");
        String model = ((List<?>) md.statusField("servedNames")).get(0).toString();
        for (ServiceRoute.Backend backend : route.backends()) {
            var answer = backend.client(key).chat(model, "through the service");
            assertThat(answer.statusCode()).as(backend + ": " + answer.body()).isEqualTo(200);
            assertThat(backend.client(ns.apiKey("bystander")).chat(model, "wrong door").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void specTheSchemaRefusesIsRejectedAtApplyTime() {
        GenericKubernetesResource bad = quickStart("negative", "H100", 1);
        spec(bad).put("replicas", -1);
        assertThatThrownBy(() -> ns.create(bad))
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.replicas");
    }

    @Test
    void specOnlyTheReconcilerCanRefuseFailsWithAConditionAndAnEvent() {
        GenericKubernetesResource bad = quickStart("bad-cpu", "H100", 1);
        // "0" passes the schema's quantity pattern; only the reconciler knows a CPU must be positive.
        quickStartResources(bad).put("cpu", "0");
        ns.create(bad);

        ModelDeploymentView md = ns.awaitPhase("bad-cpu", "Failed");
        assertThat(md.conditionIs("Ready", "False", "InvalidSpec")).isTrue();
        assertThat(md.conditionMessage("Ready")).contains("spec.quickStart.resources.cpu");
        Await.until("a Warning event", TIMEOUT, () -> ns.eventReasons("bad-cpu").contains("InvalidSpec"));
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("bad-cpu").get()).isNull();

        // Fixing the spec recovers without any other action.
        ns.patchSpec("bad-cpu", Map.of("quickStart", Map.of("resources", Map.of("cpu", "4"))));
        ns.awaitPhase("bad-cpu", "Running");
    }

    @Test
    void changingTheKeyRollsThePods() {
        apply("rotate", "H100", 1, Map.of());
        ModelDeploymentView before = ns.awaitPhase("rotate", "Running");
        String oldPod = (String) before.instances().get(0).get("instanceId");
        String oldKey = ns.apiKey("rotate");

        ns.client().secrets().inNamespace(ns.name()).withName("rotate-api-key").edit(s -> new SecretBuilder(s)
                .withData(Map.of("apiKey", Base64.getEncoder().encodeToString("sk-rotated-key".getBytes(StandardCharsets.UTF_8))))
                .build());

        ModelDeploymentView after = Await.until("a new pod with the new key", TIMEOUT, () -> {
            ModelDeploymentView md = ns.md("rotate");
            return "Running".equals(md.phase()) && md.instances().size() == 1
                    && !oldPod.equals(md.instances().get(0).get("instanceId")) ? md : null;
        });
        assertThat(ns.engineOf(after, "sk-rotated-key").chat("rotate", "hi").statusCode()).isEqualTo(200);
        assertThat(ns.engineOf(after, oldKey).chat("rotate", "hi").statusCode()).isEqualTo(401);
    }

    @Test
    void deletionRemovesEveryOwnedObject() {
        apply("delete-me", "L40S", 1, Map.of("exposure", Map.of("ingress", Map.of("host", "delete-me.example.com"))));
        ns.awaitPhase("delete-me", "Running");
        assertThat(ns.client().network().v1().ingresses().inNamespace(ns.name()).withName("delete-me").get()).isNotNull();
        assertThat(ns.md("delete-me").resource().getMetadata().getFinalizers())
                .as("an in-cluster deployment's objects go with it: no finalizer").isNullOrEmpty();

        ns.mds().withName("delete-me").delete();
        Await.until("owned objects collected by the controller manager", TIMEOUT, () ->
                ns.client().apps().deployments().inNamespace(ns.name()).withName("delete-me").get() == null
                        && ns.client().services().inNamespace(ns.name()).withName("delete-me").get() == null
                        && ns.client().secrets().inNamespace(ns.name()).withName("delete-me-api-key").get() == null
                        && ns.client().network().v1().ingresses().inNamespace(ns.name()).withName("delete-me").get() == null
                        && ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", "delete-me").list()
                        .getItems().isEmpty());
    }

    /**
     * The operator creates an object with a plain create (one request, no read first), whose fields the API server
     * records under an Update entry a server-side apply does not replace: a field the spec stops asking for must
     * still go.
     */
    @Test
    void aFieldTheSpecNoLongerAsksForIsRemovedFromAnObjectTheOperatorCreated() {
        apply("unclass-me", "L40S", 1, Map.of("exposure",
                Map.of("ingress", Map.of("host", "unclass-me.example.com", "className", "nginx"))));
        Await.until("Ingress of class nginx", TIMEOUT, () -> {
            Ingress ingress = ns.client().network().v1().ingresses().inNamespace(ns.name()).withName("unclass-me").get();
            return ingress != null && "nginx".equals(ingress.getSpec().getIngressClassName()) ? ingress : null;
        });

        ns.mds().withName("unclass-me").patch(PatchContext.of(PatchType.JSON),
                "[{\"op\": \"remove\", \"path\": \"/spec/exposure/ingress/className\"}]");

        Ingress after = Await.until("Ingress without a class", TIMEOUT, () -> {
            Ingress ingress = ns.client().network().v1().ingresses().inNamespace(ns.name()).withName("unclass-me").get();
            return ingress.getSpec().getIngressClassName() == null ? ingress : null;
        });
        assertThat(after.getSpec().getRules()).singleElement().satisfies(r -> assertThat(r.getHost()).isEqualTo("unclass-me.example.com"));
        assertThat(after.getMetadata().getManagedFields()).filteredOn(f -> "modeldeploy-operator".equals(f.getManager()))
                .extracting(ManagedFieldsEntry::getOperation).containsExactly("Apply");
    }

    @Test
    void aDeploymentHoldingTheFinalizerOfAnEarlierVersionIsStillDeleted() {
        GenericKubernetesResource md = quickStart("from-before", "L40S", 1);
        md.getMetadata().setFinalizers(List.of("modeldeployments.modeldeploy.io/finalizer"));
        ns.create(md);
        ns.awaitPhase("from-before", "Running");

        ns.mds().withName("from-before").delete();

        Await.until("from-before gone", TIMEOUT, () -> ns.mds().withName("from-before").get() == null);
    }

    @Test
    void operatorRestartDuplicatesNothingAndWritesNothingWhileIdle() {
        apply("steady", "H100", 1, Map.of());
        awaitSettled("steady", 1);

        Map<String, String> before = ns.restartOperator("steady", () -> versions("steady"));

        assertThat(versions("steady")).isEqualTo(before);
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", "steady").list()
                .getItems()).hasSize(1);
        assertThat(ns.client().services().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", "steady").list()
                .getItems()).hasSize(1);
        assertThat(ns.client().secrets().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", "steady").list()
                .getItems()).hasSize(1);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Nothing left for anyone to write: the deployment Running for its current spec, and its Deployment rolled out
     * (the controller manager observed the current spec and every replica is updated, ready and available).
     */
    private void awaitSettled(String name, int replicas) {
        Await.until(name + " settled", TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(name);
            Deployment d = ns.client().apps().deployments().inNamespace(ns.name()).withName(name).get();
            DeploymentStatus s = d == null ? null : d.getStatus();
            boolean rolledOut = s != null && Objects.equals(s.getObservedGeneration(), d.getMetadata().getGeneration())
                    && Objects.equals(d.getSpec().getReplicas(), replicas)
                    && Objects.equals(s.getReplicas(), replicas) && Objects.equals(s.getUpdatedReplicas(), replicas)
                    && Objects.equals(s.getReadyReplicas(), replicas) && Objects.equals(s.getAvailableReplicas(), replicas);
            if (!("Running".equals(md.phase()) && md.observedCurrentGeneration() && md.readyReplicas() == replicas
                    && rolledOut)) {
                throw new AssertionError("status " + md.status() + "; Deployment status " + s);
            }
            return md;
        });
    }

    private Map<String, String> versions(String name) {
        return Map.of(
                "md", ns.md(name).resource().getMetadata().getResourceVersion(),
                "deployment", rv(ns.client().apps().deployments().inNamespace(ns.name()).withName(name).get()),
                "service", rv(ns.client().services().inNamespace(ns.name()).withName(name).get()),
                "secret", rv(ns.client().secrets().inNamespace(ns.name()).withName(name + "-api-key").get()));
    }

    private static String rv(HasMetadata object) {
        return object.getMetadata().getResourceVersion();
    }

    private void apply(String name, String gpuType, int replicas, Map<String, Object> extraSpec) {
        GenericKubernetesResource md = quickStart(name, gpuType, replicas);
        spec(md).putAll(extraSpec);
        ns.create(md);
    }

    private static GenericKubernetesResource quickStart(String name, String gpuType, int replicas) {
        return Manifests.quickStart(name, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: %s, count: 1}}".formatted(gpuType), "replicas: " + replicas);
    }

    private static Map<String, Object> spec(GenericKubernetesResource md) {
        return section(md, "spec");
    }

    private static Map<String, Object> quickStartResources(GenericKubernetesResource md) {
        return section(md, "spec", "quickStart", "resources");
    }
}
