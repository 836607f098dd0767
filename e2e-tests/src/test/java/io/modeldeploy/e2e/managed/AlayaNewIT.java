package io.modeldeploy.e2e.managed;

import io.modeldeploy.e2e.support.Await;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.vendor.alayanew.AlayaNewService;
import io.modeldeploy.sim.vendor.alayanew.AlayaNewSimulator;
import io.modeldeploy.sim.vendor.http.SimOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.countSince;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.targetField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alaya NeW as a managed target end to end: the REAL packaged operator on the REAL local control plane,
 * driving the SIMULATED Alaya NeW serverless-infer API (started in this JVM) through the provider's HTTP
 * calls, exactly as it would drive the vendor.
 */
class AlayaNewIT {
    private static final String ACCESS_KEY = "ak-it-alaya";
    private static final String SECRET_KEY = "sk-it-alaya-secret";
    private static final String DOCUMENTED_ENDPOINT = "https://api.alayanew.com/api/serverless-infer/v1";

    private static OperatorHarness harness;
    private static InNamespace ns;
    private static ManagedTargetSupport managed;
    private static AlayaNewSimulator alaya;

    @BeforeAll
    static void setUp() {
        harness = OperatorHarness.get();
        ns = new InNamespace(harness, harness.cluster().createNamespace("alayanew"));
        managed = new ManagedTargetSupport(harness, ns);
        alaya = AlayaNewSimulator.start(new InetSocketAddress("127.0.0.1", 0), ACCESS_KEY, SECRET_KEY,
                SimOptions.defaults().withDeployDelay(Duration.ofSeconds(2)).withTransitionDelay(Duration.ofSeconds(1)));
        managed.writeSecret("alaya-creds", Map.of("accessKey", ACCESS_KEY, "secretKey", SECRET_KEY));
    }

    @AfterAll
    static void tearDown() {
        // The simulator answers the finalizers' deletes until the namespace is gone.
        if (ns != null) {
            managed.deleteAllDeployments();
            harness.cluster().deleteNamespace(ns.name());
        }
        if (alaya != null) {
            alaya.close();
        }
    }

    @Test
    void sampleRunsOnAlayaWithUrlIdAndKeySecretAndItsLoraServiceAttaches() {
        managed.applySample("alayanew.yaml", DOCUMENTED_ENDPOINT, alaya.apiBaseUrl());

        ModelDeploymentView base = managed.awaitPhase("qwen-alaya", "Running");
        AlayaNewService service = alaya.service((String) base.statusField("serviceId")).orElseThrow();
        assertThat(targetField(base, "externalId")).isEqualTo(service.serviceId());
        assertThat(targetField(base, "provider")).isEqualTo("AlayaNeW");
        assertThat(base.statusField("serviceUrl")).isEqualTo(service.serviceUrl() + "/v1");
        assertThat(base.conditionIs("Ready", "True", "VendorServing")).isTrue();
        assertThat(service.mode()).isEqualTo("quickStart");
        assertThat(service.vksId()).isEqualTo("vks-0123456789");
        assertThat(service.request().path("resource").path("gpu").path("gpuType").asText()).isEqualTo("nvidia.com/gpu-l40s");
        assertThat(base.instances()).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("baseModelReady", true).containsEntry("ready", true));
        Await.until("the issued key in qwen-alaya-api-key", TIMEOUT,
                () -> managed.secretValue("qwen-alaya-api-key", "apiKey").filter(service.apiKey()::equals).isPresent());
        assertThat(base.statusField("apiKeySecret")).isEqualTo("qwen-alaya-api-key");
        assertThat(managed.md("qwen-alaya").resource().toString()).doesNotContain(service.apiKey());
        assertThat(alaya.requests().last("create").orElseThrow().header("Authorization"))
                .contains("plain Credential=" + ACCESS_KEY + ",Signature=" + SECRET_KEY);

        ModelDeploymentView lora = managed.awaitPhase("sql-alaya", "Running");
        assertThat(lora.statusField("baseServiceId")).isEqualTo(service.serviceId());
        AlayaNewService loraService = alaya.service((String) lora.statusField("serviceId")).orElseThrow();
        assertThat(loraService.isLora()).isTrue();
        assertThat(loraService.baseServiceId()).isEqualTo(service.serviceId());
        assertThat(loraService.servedName()).containsExactly("sql-lora");
        assertThat(loraService.modelId()).isEqualTo("example/qwen2.5-7b-sql-lora");
        assertThat(lora.instances()).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("loraModels", List.of("sql-lora")));
        assertThat(alaya.requests().count("createLora")).isEqualTo(1);
    }

    @Test
    void aLoraServiceWithoutTheTargetOfItsAlayaBaseSaysWhatItNeeds() {
        int loraCreatesBefore = alaya.requests().count("createLora");
        managed.create(quickStart("managed-base", 1, ""));
        managed.create("""
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: in-cluster-lora}
                spec:
                  model: {id: Qwen/Qwen2.5-0.5B-Instruct}
                  lora: {baseRef: {name: managed-base}}
                  adapters: [{name: tone, uri: hf://example/tone-lora}]
                """);

        ModelDeploymentView md = managed.awaitCondition("in-cluster-lora", "Ready", "False", "BaseOnManagedTarget");
        assertThat(md.conditionMessage("Ready")).contains("AlayaNeW");
        assertThat(alaya.requests().count("createLora")).as("nothing attached on the vendor").isEqualTo(loraCreatesBefore);
        managed.deleteAndAwaitGone("in-cluster-lora");
    }

    @Test
    void replicasGoThroughAlayasScaleCall() {
        managed.create(quickStart("scaled", 1, ""));
        ModelDeploymentView md = managed.awaitPhase("scaled", "Running");
        String id = (String) md.statusField("serviceId");
        int scalesBefore = alaya.requests().count("scale");

        ns.patchSpec("scaled", Map.of("replicas", 2));

        Await.until("two ready instances", TIMEOUT, () -> {
            ModelDeploymentView now = managed.md("scaled");
            return "Running".equals(now.phase()) && now.readyReplicas() == 2 ? now : null;
        });
        assertThat(alaya.service(id).orElseThrow().instances()).hasSize(2);
        assertThat(alaya.requests().count("scale") - scalesBefore).isEqualTo(1);
        var body = alaya.requests().last("scale").orElseThrow().body();
        assertThat(body).contains("\"min\":2").contains("\"max\":2");
    }

    @Test
    void stoppedIsNotSupportedAndLeavesTheServiceRunning() {
        managed.create(quickStart("no-stop", 1, ""));
        String id = (String) managed.awaitPhase("no-stop", "Running").statusField("serviceId");

        ns.patchSpec("no-stop", Map.of("stopped", true));

        ModelDeploymentView md = managed.awaitCondition("no-stop", "OperationNotSupported", "True", "OperationNotSupported");
        assertThat(md.conditionMessage("OperationNotSupported")).contains("publishes no stop call");
        Await.until("an OperationNotSupported event", TIMEOUT, () -> ns.eventReasons("no-stop").contains("OperationNotSupported"));
        assertThat(alaya.service(id).orElseThrow().status()).isEqualTo("running");
        assertThat(alaya.requests().count("cancel")).isZero();
        assertThat(alaya.requests().count("update")).isZero();
        assertThat(md.phase()).isEqualTo("Running");
    }

    @Test
    void deleteRemovesTheVendorServiceAndRetainKeepsIt() {
        managed.create(quickStart("goes-away", 1, ""));
        managed.create(quickStart("stays", 1, "deletionPolicy: Retain"));
        String gone = (String) managed.awaitPhase("goes-away", "Running").statusField("serviceId");
        String kept = (String) managed.awaitPhase("stays", "Running").statusField("serviceId");

        managed.delete("goes-away");
        managed.delete("stays");
        managed.awaitGone("goes-away");
        managed.awaitGone("stays");

        assertThat(alaya.service(gone)).isEmpty();
        assertThat(alaya.service(kept)).isPresent();
        assertThat(ns.eventReasons("stays")).contains("VendorServiceRetained");
    }

    @Test
    void wrongCredentialsAreCredentialsInvalidWithoutAHotLoop() throws InterruptedException {
        managed.writeSecret("wrong-alaya", Map.of("accessKey", ACCESS_KEY, "secretKey", "not-the-secret"));
        managed.create(quickStart("bad-keys", 1, "").replace("alaya-creds", "wrong-alaya"));

        ModelDeploymentView md = managed.awaitCondition("bad-keys", "Ready", "False", "CredentialsInvalid");
        assertThat(md.phase()).isEqualTo("Pending");
        assertThat(md.resource().toString()).doesNotContain("not-the-secret");
        Await.until("a CredentialsInvalid event", TIMEOUT, () -> ns.eventReasons("bad-keys").contains("CredentialsInvalid"));
        assertThat(String.join("\n", ns.eventMessages("bad-keys"))).doesNotContain("not-the-secret");

        Instant since = Instant.now();
        Thread.sleep(10_000);
        assertThat(countSince(alaya.requests(), since, r -> r.header("Authorization").orElse("").contains("not-the-secret")))
                .as("requests with the refused key in 10 s").isLessThanOrEqualTo(1);

        // With the keys fixed, the finalizer can ask the vendor again and lets go.
        managed.writeSecret("wrong-alaya", Map.of("accessKey", ACCESS_KEY, "secretKey", SECRET_KEY));
        managed.deleteAndAwaitGone("bad-keys");
    }

    @Test
    void throttlingAndServerErrorsAreSurvivedWithoutAStorm() {
        int createsBefore = alaya.requests().count("create");
        int listsBefore = alaya.requests().count("list");
        alaya.faults().throttleNext("list", 2, Duration.ofSeconds(1)).failNext("create", 503, 1);

        managed.create(quickStart("bumpy", 1, ""));

        ModelDeploymentView md = managed.awaitPhase("bumpy", "Running");
        String name = alaya.service((String) md.statusField("serviceId")).orElseThrow().name();
        assertThat(alaya.services().stream().filter(s -> s.name().equals(name))).hasSize(1);
        assertThat(alaya.requests().count("create") - createsBefore).as("one refused by a 503, one accepted").isEqualTo(2);
        assertThat(alaya.requests().count("list") - listsBefore).as("lookups before each create").isBetween(4, 6);
    }

    @Test
    void aLostStatusWriteFindsTheServiceByNameInsteadOfCreatingASecond() {
        managed.create(quickStart("lost-write", 1, ""));
        String id = (String) managed.awaitPhase("lost-write", "Running").statusField("serviceId");
        int createsBefore = alaya.requests().count("create");

        // As if the operator had crashed between the vendor's answer and the status write.
        harness.operator().stop();
        managed.loseExternalId("lost-write");
        assertThat(targetField(managed.md("lost-write"), "externalId")).isNull();
        harness.operator().start();

        Await.until("the same vendor id back in status", TIMEOUT,
                () -> id.equals(targetField(managed.md("lost-write"), "externalId")));
        assertThat(alaya.requests().count("create")).isEqualTo(createsBefore);
        String name = alaya.service(id).orElseThrow().name();
        assertThat(alaya.services().stream().filter(s -> s.name().equals(name))).hasSize(1);
    }

    @Test
    void aServiceThatFailsToDeployIsFailed() {
        alaya.faults().failNextDeployments(1);
        managed.create(quickStart("broken", 1, ""));

        ModelDeploymentView md = managed.awaitPhase("broken", "Failed");
        assertThat(md.conditionIs("Degraded", "True", "VendorFailed")).isTrue();
        assertThat(targetField(md, "vendorStatus")).isEqualTo("failed");
    }

    private static String quickStart(String name, int replicas, String targetExtra) {
        return """
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: %s}
                spec:
                  model: {id: Qwen/Qwen2.5-0.5B-Instruct}
                  replicas: %d
                  quickStart:
                    backend: vllm
                    backendVersion: "0.9.0.1"
                    resources: {cpu: "4", memory: 16Gi, gpu: {type: L40S, count: 1}}
                  target:
                    provider: AlayaNeW
                    endpoint: %s
                    credentialsSecretRef: {name: alaya-creds}
                    alayaNew: {vksId: vks-it, namespace: it}
                    %s
                """.formatted(name, replicas, alaya.apiBaseUrl(), targetExtra);
    }
}
