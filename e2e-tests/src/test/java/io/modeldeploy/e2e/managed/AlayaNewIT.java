package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.managed.ManagedPlatform.Credentials;
import io.modeldeploy.e2e.managed.ManagedPlatform.Deletion;
import io.modeldeploy.e2e.managed.ManagedPlatform.Failures;
import io.modeldeploy.e2e.managed.ManagedPlatform.Release;
import io.modeldeploy.e2e.managed.ManagedPlatform.Services;
import io.modeldeploy.e2e.managed.ManagedPlatform.Throttling;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.sim.platform.alayanew.AlayaNewService;
import io.modeldeploy.sim.platform.alayanew.AlayaNewSimulator;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.targetSpec;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.targetField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alaya NeW as a managed target end to end: the REAL packaged operator on the REAL local control plane,
 * driving the SIMULATED Alaya NeW serverless-infer API (started in this JVM) through the provider's HTTP
 * calls, exactly as it would drive the vendor. The scenarios every managed target shares are in
 * {@link ManagedTargetScenarios} and {@link DeletableTargetScenarios}; here are Alaya NeW's own.
 */
class AlayaNewIT extends DeletableTargetScenarios<AlayaNewSimulator> {
    private static final String ACCESS_KEY = "ak-it-alaya";
    private static final String SECRET_KEY = "sk-it-alaya-secret";
    private static final String DOCUMENTED_ENDPOINT = "https://api.alayanew.com/api/serverless-infer/v1";

    private static final ManagedPlatform<AlayaNewSimulator> ALAYA_NEW = new ManagedPlatform<>("AlayaNeW", "alayanew",
            () -> AlayaNewSimulator.start(ManagedPlatform.loopback(), ACCESS_KEY, SECRET_KEY, SimOptions.defaults()
                    .withDeployDelay(Duration.ofSeconds(2)).withTransitionDelay(Duration.ofSeconds(1))),
            new Credentials("alaya-creds", SECRET_KEY, secretKey -> Map.of("accessKey", ACCESS_KEY, "secretKey", secretKey)),
            (vendor, managed, name) -> quickStart(vendor, name, 1),
            Services.byName("create", AlayaNewSimulator::services, AlayaNewService::serviceId, AlayaNewService::name,
                    AlayaNewSimulator::service, AlayaNewService::status),
            // Lookups are lists by name; status is read with get. The key pair travels in plain text.
            new Failures("failed", new Throttling("list", 2, Duration.ofSeconds(3), 503, true),
                    ManagedPlatform.carriesTheWrongSecret(), "answered 401"),
            Release.DELETE_ALL,
            // Alaya NeW deletes at once.
            Optional.of(new Deletion<>((vendor, id) -> vendor.service(id).isPresent(), (vendor, id) -> false)));

    AlayaNewIT() {
        super(ALAYA_NEW);
    }

    @Test
    void sampleRunsOnAlayaWithUrlIdAndKeySecretAndItsLoraServiceAttaches() {
        Serving<AlayaNewService> serving = applySampleAndAwaitServing("alayanew.yaml", DOCUMENTED_ENDPOINT,
                vendor.apiBaseUrl(), "qwen-alaya", vendor::service, AlayaNewService::serviceUrl);
        ModelDeploymentView base = serving.md();
        AlayaNewService service = serving.service();
        // The sample names no served name: the default is the deployment's name (api.md).
        assertThat(service.servedName()).containsExactly("qwen-alaya");
        assertThat(base.statusField("servedNames")).isEqualTo(List.of("qwen-alaya"));
        assertThat(service.mode()).isEqualTo("quickStart");
        assertThat(service.vksId()).isEqualTo("vks-0123456789");
        assertThat(service.request().path("resource").path("gpu").path("gpuType").asText()).isEqualTo("nvidia.com/gpu-l40s");
        assertThat(base.instances()).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("baseModelReady", true).containsEntry("ready", true));
        Await.until("the issued key in qwen-alaya-api-key", TIMEOUT,
                () -> managed.secretValue("qwen-alaya-api-key", "apiKey").filter(service.apiKey()::equals).isPresent());
        assertThat(base.statusField("apiKeySecret")).isEqualTo("qwen-alaya-api-key");
        assertThat(managed.md("qwen-alaya").resource().toString()).doesNotContain(service.apiKey());
        assertThat(vendor.requests().last("create", vendorKey(base)).orElseThrow().header("Authorization"))
                .contains("plain Credential=" + ACCESS_KEY + ",Signature=" + SECRET_KEY);

        ModelDeploymentView lora = managed.awaitPhase("sql-alaya", "Running");
        assertThat(lora.statusField("baseServiceId")).isEqualTo(service.serviceId());
        AlayaNewService loraService = vendor.service(serviceAtTheVendor(lora)).orElseThrow();
        assertThat(loraService.isLora()).isTrue();
        assertThat(loraService.baseServiceId()).isEqualTo(service.serviceId());
        assertThat(loraService.servedName()).containsExactly("sql-lora");
        assertThat(loraService.modelId()).isEqualTo("example/qwen2.5-7b-sql-lora");
        assertThat(lora.instances()).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("loraModels", List.of("sql-lora")));
        assertThat(lora.statusField("servedNames")).isEqualTo(List.of("sql-lora"));
        assertThat(vendor.requests().count("createLora", vendorKey(lora))).isEqualTo(1);
    }

    @Test
    void aLoraServiceWithoutTheTargetOfItsAlayaBaseSaysWhatItNeeds() {
        int loraCreatesBefore = vendor.requests().count("createLora");
        managed.create(quickStart(vendor, "managed-base", 1));
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
        assertThat(vendor.requests().count("createLora")).as("nothing attached on the vendor").isEqualTo(loraCreatesBefore);
        managed.deleteAndAwaitGone("in-cluster-lora");
    }

    @Test
    void replicasGoThroughAlayasScaleCall() {
        managed.create(quickStart(vendor, "scaled", 1));
        String id = serviceAtTheVendor(managed.awaitPhase("scaled", "Running"));

        ns.patchSpec("scaled", Map.of("replicas", 2));

        Await.until("two ready instances", TIMEOUT, () -> {
            ModelDeploymentView now = managed.md("scaled");
            return "Running".equals(now.phase()) && now.readyReplicas() == 2 ? now : null;
        });
        assertThat(vendor.service(id).orElseThrow().instances()).hasSize(2);
        assertThat(vendor.requests().count("scale", id)).isEqualTo(1);
        var body = vendor.requests().last("scale", id).orElseThrow().body();
        assertThat(body).contains("\"min\":2").contains("\"max\":2");
    }

    @Test
    void stoppedIsNotSupportedAndLeavesTheServiceRunning() {
        managed.create(quickStart(vendor, "no-stop", 1));
        String id = serviceAtTheVendor(managed.awaitPhase("no-stop", "Running"));

        ns.patchSpec("no-stop", Map.of("stopped", true));

        ModelDeploymentView md = managed.awaitCondition("no-stop", "OperationNotSupported", "True", "OperationNotSupported");
        assertThat(md.conditionMessage("OperationNotSupported")).contains("publishes no stop call");
        Await.until("an OperationNotSupported event", TIMEOUT, () -> ns.eventReasons("no-stop").contains("OperationNotSupported"));
        assertThat(vendor.service(id).orElseThrow().status()).isEqualTo("running");
        assertThat(vendor.requests().count("cancel", id)).isZero();
        assertThat(vendor.requests().count("update", id)).isZero();
        assertThat(md.phase()).isEqualTo("Running");
    }

    private static GenericKubernetesResource quickStart(AlayaNewSimulator vendor, String name, int replicas) {
        return Manifests.quickStart(name, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.9.0.1",
                "{cpu: \"4\", memory: 16Gi, gpu: {type: L40S, count: 1}}", "replicas: " + replicas + "\n"
                        + targetSpec("AlayaNeW", vendor.apiBaseUrl(), "alaya-creds", "alayaNew: {vksId: vks-it, namespace: it}"));
    }
}
