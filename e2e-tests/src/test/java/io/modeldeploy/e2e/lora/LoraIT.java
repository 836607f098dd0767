package io.modeldeploy.e2e.lora;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.engine.EngineSimulator;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LoRA adapters end to end: the REAL API server and scheduler, the SIMULATED kubelet running a SIMULATED
 * adapter-sync sidecar (which follows the operator's ConfigMap) and SIMULATED engines whose run-time LoRA
 * API the operator drives over HTTP.
 */
class LoraIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("lora");

    @Test
    void inlineAdaptersAreLoadedOnEveryInstanceAndAnswer() {
        ns.applySample("lora-inline.yaml");
        ModelDeploymentView md = awaitAdapters("qwen-lora", List.of("chat-lora", "sql-lora"));

        assertThat(md.phase()).isEqualTo("Running");
        assertThat(md.conditionIs("AdaptersReady", "True", "AllAdaptersLoaded")).isTrue();
        var answer = ns.engineOf(md, ns.apiKey("qwen-lora")).chat("sql-lora", "select all users");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"model\":\"sql-lora\"");
    }

    @Test
    void addingAndRemovingAnAdapterRestartsNothing() {
        ns.create(vllmBase("edit-me", "a", "b"));
        awaitAdapters("edit-me", List.of("a", "b"));
        Set<String> podUids = podUids("edit-me");
        long generation = ns.client().apps().deployments().inNamespace(ns.name()).withName("edit-me").get()
                .getMetadata().getGeneration();

        ns.patchSpec("edit-me", Map.of("adapters", List.of(adapter("b"), adapter("c"))));
        ModelDeploymentView md = awaitAdapters("edit-me", List.of("b", "c"));

        assertThat(md.phase()).isEqualTo("Running");
        assertThat(podUids("edit-me")).isEqualTo(podUids);
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("edit-me").get()
                .getMetadata().getGeneration()).isEqualTo(generation);
    }

    @Test
    void aNewUriUnderTheSameNameIsLoadedInsteadOfTheOldWeights() {
        ns.create(vllmBase("versions", "a"));
        ModelDeploymentView md = awaitAdapters("versions", List.of("a"));
        String pod = (String) md.instances().get(0).get("instanceId");
        Set<String> podUids = podUids("versions");
        String before = adapterRoot("versions", pod, "a");

        ns.patchSpec("versions", Map.of("adapters", List.of(Map.of("name", "a", "uri", "hf://example/a-lora@v2"))));

        String after = Await.until("adapter a reloaded from its new version", TIMEOUT, () -> {
            String root = adapterRoot("versions", pod, "a");
            return root != null && !root.equals(before) ? root : null;
        });
        assertThat(after).startsWith("/adapters/a-");
        assertThat(podUids("versions")).isEqualTo(podUids);
        awaitAdapters("versions", List.of("a"));
    }

    /** Where the engine says it loaded an adapter from: the {@code root} of its /v1/models entry. */
    @SuppressWarnings("unchecked")
    private String adapterRoot(String md, String pod, String adapter) {
        var models = ns.engineOf(pod, ns.apiKey(md)).get("/v1/models");
        List<Map<String, Object>> cards = (List<Map<String, Object>>) io.fabric8.kubernetes.client.utils.Serialization
                .unmarshal(models.body(), Map.class).get("data");
        return cards.stream().filter(c -> adapter.equals(c.get("id")) && c.get("parent") != null)
                .map(c -> (String) c.get("root")).findFirst().orElse(null);
    }

    @Test
    void anExpertTemplateThatEnablesLoraGetsTheSidecarAndItsAdapters() {
        String yaml = """
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: expert-lora}
                spec:
                  model: {id: mistralai/Mistral-7B-Instruct-v0.3, servedNames: [mistral]}
                  expert:
                    port: 8000
                    template:
                      spec:
                        nodeSelector: {nvidia.com/gpu.product: NVIDIA-L40S}
                        tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
                        containers:
                          - name: server
                            image: vllm/vllm-openai:v0.8.4
                            command: ["vllm", "serve", "mistralai/Mistral-7B-Instruct-v0.3"]
                            args: ["--served-model-name", "mistral", "--port", "8000", "--enable-lora",
                                   "--max-loras", "4", "--api-key", "$(MODELDEPLOY_API_KEY)"]
                            ports: [{name: http, containerPort: 8000}]
                            resources: {limits: {nvidia.com/gpu: "1"}}
                  adapters:
                    - {name: tone, uri: hf://example/tone-lora}
                """;
        ns.create(Manifests.parse(yaml));

        ModelDeploymentView md = awaitAdapters("expert-lora", List.of("tone"));
        var answer = ns.engineOf(md, ns.apiKey("expert-lora")).chat("tone", "hello");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aRestartedEngineGetsItsAdaptersBack() {
        ns.create(vllmBase("restarts", "a", "b"));
        ModelDeploymentView md = awaitAdapters("restarts", List.of("a", "b"));
        String pod = (String) md.instances().get(0).get("instanceId");

        ns.cluster().nodes().restartEngine(ns.name(), pod);
        assertThat(engine(pod).loadedAdapters()).as("a new engine process starts empty").isEmpty();

        Await.until("adapters back on the restarted engine", TIMEOUT,
                () -> engine(pod).loadedAdapters().containsAll(List.of("a", "b")));
        awaitAdapters("restarts", List.of("a", "b"));
    }

    @Test
    void aRefusedLoadIsDegradedWithTheEnginesMessageThenRecovers() {
        ns.create(vllmBase("refused", "a"));
        ModelDeploymentView md = awaitAdapters("refused", List.of("a"));
        String pod = (String) md.instances().get(0).get("instanceId");
        engine(pod).failAdapterLoads("broken", "Loading lora broken failed: adapter rank 128 exceeds --max-lora-rank 64");

        ns.patchSpec("refused", Map.of("adapters", List.of(adapter("a"), adapter("broken"))));
        Await.until("Degraded AdapterLoadFailed", TIMEOUT,
                () -> ns.md("refused").conditionIs("Degraded", "True", "AdapterLoadFailed"));
        ModelDeploymentView degraded = ns.md("refused");
        assertThat(degraded.conditionMessage("Degraded")).contains("adapter rank 128 exceeds --max-lora-rank 64");
        assertThat(degraded.conditionIs("AdaptersReady", "False", "AdapterLoadFailed")).isTrue();
        Await.until("a Warning event", TIMEOUT, () -> ns.eventReasons("refused").contains("AdapterLoadFailed"));

        engine(pod).failAdapterLoads("broken", null);
        awaitAdapters("refused", List.of("a", "broken"));
        assertThat(ns.md("refused").conditionIs("Degraded", "False", "AsExpected")).isTrue();
    }

    @Test
    void sglangBaseServesAnAdapterNamedWithItsBase() {
        ns.create(sglangBase("sg-lora", "sql"));

        ModelDeploymentView running = awaitAdapters("sg-lora", List.of("sql"));
        var answer = ns.engineOf(running, ns.apiKey("sg-lora")).chat("sg-lora:sql", "hello");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void loraServiceOnAVllmBaseServesItsAdaptersAndUnloadsThemWhenDeleted() {
        ns.applySample("lora-service.yaml");
        ModelDeploymentView base = ns.awaitPhase("qwen-base", "Running");
        ModelDeploymentView service = ns.awaitPhase("sql-assistant", "Running");

        assertThat(service.statusField("mode")).isEqualTo("LoRA");
        assertThat(service.statusField("baseServiceId")).isEqualTo(base.resource().getMetadata().getUid());
        assertThat(service.statusField("serviceUrl")).isEqualTo(base.statusField("serviceUrl"));
        assertThat(service.statusField("apiKeySecret")).isEqualTo("qwen-base-api-key");
        assertThat(service.statusField("servedNames")).isEqualTo(List.of("sql-lora"));
        assertThat(service.instances()).singleElement().satisfies(i -> {
            assertThat(i).containsEntry("ready", true).containsEntry("loraModels", List.of("sql-lora"));
            assertThat(i.get("instanceId")).isEqualTo(base.instances().get(0).get("instanceId"));
        });
        String basePod = (String) base.instances().get(0).get("instanceId");
        var answer = ns.engineOf(basePod, ns.apiKey("qwen-base")).chat("sql-lora", "list tables");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        ns.mds().withName("sql-assistant").delete();
        Await.until("sql-assistant gone after its adapter was unloaded", TIMEOUT,
                () -> ns.mds().withName("sql-assistant").get() == null);
        assertThat(engine(basePod).loadedAdapters()).doesNotContain("sql-lora");
        assertThat(ns.md("qwen-base").phase()).isEqualTo("Running");
    }

    @Test
    void loraServiceOnAnSglangBaseNamesTheBaseInItsModel() {
        ns.create(sglangBase("sg-base"));
        ns.create(loraService("sg-service", "sg-base", "summarize"));

        ModelDeploymentView service = ns.awaitPhase("sg-service", "Running");
        assertThat(service.statusField("servedNames")).isEqualTo(List.of("sg-base:summarize"));
        String basePod = (String) service.instances().get(0).get("instanceId");
        var answer = ns.engineOf(basePod, ns.apiKey("sg-base")).chat("sg-base:summarize", "summarize this");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void aLoraServiceRunsWithinSecondsOfItsBasesEngineHoldingItsAdapter() {
        ns.create(vllmBase("quick-base"));
        String pod = (String) awaitAdapters("quick-base", List.of()).instances().get(0).get("instanceId");

        // As users hit it: the base's adapter list changes, and a LoRA service on it is created right after.
        ns.patchSpec("quick-base", Map.of("adapters", List.of(adapter("a"))));
        ns.create(loraService("quick-service", "quick-base", "q"));
        Await.until("the base's engine holding q", TIMEOUT, () -> engine(pod).loadedAdapters().contains("q"));

        // Far below the 5-minute resync, which was all that woke such a service when the base's status stayed as it was.
        Await.until("quick-service Running", Duration.ofSeconds(15), () -> "Running".equals(ns.md("quick-service").phase()));
    }

    @Test
    void aLoraServiceWaitsForItsBaseAndSurvivesItsDeletion() {
        ns.create(loraService("early", "late-base", "x"));
        Await.until("Pending BaseNotFound", TIMEOUT,
                () -> ns.md("early").conditionIs("Ready", "False", "BaseNotFound"));
        assertThat(ns.md("early").phase()).isEqualTo("Pending");

        ns.create(vllmBase("late-base"));
        ns.awaitPhase("early", "Running");

        ns.mds().withName("late-base").delete();
        Await.until("Pending BaseNotFound again", TIMEOUT,
                () -> ns.md("early").conditionIs("Ready", "False", "BaseNotFound"));
        assertThat(ns.md("early").phase()).isEqualTo("Pending");
    }

    // ---------------------------------------------------------------- helpers

    private ModelDeploymentView awaitAdapters(String name, List<String> adapters) {
        return Await.until(name + " instances holding " + adapters, TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(name);
            boolean all = "Running".equals(md.phase()) && !md.instances().isEmpty() && md.instances().stream()
                    .allMatch(i -> adapters.equals(i.get("loraModels")));
            return all ? md : null;
        });
    }

    private EngineSimulator engine(String pod) {
        return ns.cluster().nodes().engine(ns.name(), pod).orElseThrow();
    }

    private Set<String> podUids(String md) {
        return ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", md).list().getItems().stream()
                .map(Pod::getMetadata).map(m -> m.getUid()).collect(Collectors.toSet());
    }

    private static Map<String, Object> adapter(String name) {
        return Map.of("name", name, "uri", "hf://example/" + name + "-lora");
    }

    private static GenericKubernetesResource loraService(String name, String base, String adapter) {
        return Manifests.modelDeployment(name, """
                model: {id: Qwen/Qwen2.5-0.5B-Instruct}
                lora: {baseRef: {name: %s}}
                adapters:
                  - {name: %s, uri: hf://example/%s-lora}
                """.formatted(base, adapter, adapter));
    }

    private static GenericKubernetesResource vllmBase(String name, String... adapters) {
        return base(name, "vllm", "0.8.4", adapters);
    }

    /** 0.5: the first SGLang line whose parser has the run-time adapter flags the operator sets. */
    private static GenericKubernetesResource sglangBase(String name, String... adapters) {
        return base(name, "sglang", "0.5.2", adapters);
    }

    /** A one-GPU quickStart base on an L40S with these adapters, each from {@code hf://example/<name>-lora}. */
    private static GenericKubernetesResource base(String name, String backend, String backendVersion, String... adapters) {
        String list = Arrays.stream(adapters).map(a -> "{name: " + a + ", uri: hf://example/" + a + "-lora}")
                .collect(Collectors.joining(", ", "[", "]"));
        return Manifests.quickStart(name, "Qwen/Qwen2.5-0.5B-Instruct", backend, backendVersion,
                "{cpu: \"2\", memory: 8Gi, gpu: {type: L40S, count: 1}}", "adapters: " + list);
    }
}
