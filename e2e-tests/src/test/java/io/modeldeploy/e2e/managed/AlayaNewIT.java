package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.sim.platform.alayanew.AlayaNewService;
import io.modeldeploy.sim.platform.alayanew.AlayaNewSimulator;
import io.modeldeploy.sim.platform.http.RecordedRequest;
import io.modeldeploy.sim.platform.http.SimOptions;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
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

    @Override
    protected String namespacePrefix() {
        return "alayanew";
    }

    @Override
    protected AlayaNewSimulator startSimulator() {
        return AlayaNewSimulator.start(new InetSocketAddress("127.0.0.1", 0), ACCESS_KEY, SECRET_KEY,
                SimOptions.defaults().withDeployDelay(Duration.ofSeconds(2)).withTransitionDelay(Duration.ofSeconds(1)));
    }

    @Override
    protected String provider() {
        return "AlayaNeW";
    }

    @Override
    protected String credentialsSecret() {
        return "alaya-creds";
    }

    @Override
    protected String secret() {
        return SECRET_KEY;
    }

    @Override
    protected Map<String, String> credentials(String secretKey) {
        return Map.of("accessKey", ACCESS_KEY, "secretKey", secretKey);
    }

    @Override
    protected GenericKubernetesResource deployment(String name) {
        return ManagedTargetSupport.manifest(quickStart(name, 1, ""));
    }

    @Override
    protected String createOperation() {
        return "create";
    }

    /** Alaya NeW accepts duplicate names: a second create would show as a second service of that name. */
    @Override
    protected long servicesLike(String externalId) {
        String name = vendor.service(externalId).orElseThrow().name();
        return vendor.services().stream().filter(s -> s.name().equals(name)).count();
    }

    @Override
    protected String failedStatus() {
        return "failed";
    }

    @Override
    protected String vendorStatusOf(String externalId) {
        return vendor.service(externalId).orElseThrow().status();
    }

    /** Lookups are lists by name; status is read with get. */
    @Override
    protected Throttling throttling() {
        return new Throttling("list", 2, Duration.ofSeconds(1), 503, true);
    }

    /** The key pair travels in plain text: a request with the wrong key carries it. */
    @Override
    protected boolean refusedForTheWrongSecret(RecordedRequest request) {
        return request.header("Authorization").orElse("").contains(WRONG_SECRET);
    }

    @Override
    protected String credentialsRefusal() {
        return "answered 401";
    }

    @Override
    protected boolean onTheVendor(String externalId) {
        return vendor.service(externalId).isPresent();
    }

    /** Alaya NeW deletes at once. */
    @Override
    protected boolean beingDeletedOnTheVendor(String externalId) {
        return false;
    }

    @Test
    void sampleRunsOnAlayaWithUrlIdAndKeySecretAndItsLoraServiceAttaches() {
        managed.applySample("alayanew.yaml", DOCUMENTED_ENDPOINT, vendor.apiBaseUrl());

        ModelDeploymentView base = managed.awaitPhase("qwen-alaya", "Running");
        AlayaNewService service = vendor.service((String) base.statusField("serviceId")).orElseThrow();
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
        assertThat(vendor.requests().last("create").orElseThrow().header("Authorization"))
                .contains("plain Credential=" + ACCESS_KEY + ",Signature=" + SECRET_KEY);

        ModelDeploymentView lora = managed.awaitPhase("sql-alaya", "Running");
        assertThat(lora.statusField("baseServiceId")).isEqualTo(service.serviceId());
        AlayaNewService loraService = vendor.service((String) lora.statusField("serviceId")).orElseThrow();
        assertThat(loraService.isLora()).isTrue();
        assertThat(loraService.baseServiceId()).isEqualTo(service.serviceId());
        assertThat(loraService.servedName()).containsExactly("sql-lora");
        assertThat(loraService.modelId()).isEqualTo("example/qwen2.5-7b-sql-lora");
        assertThat(lora.instances()).singleElement().satisfies(i -> assertThat(i)
                .containsEntry("loraModels", List.of("sql-lora")));
        assertThat(vendor.requests().count("createLora")).isEqualTo(1);
    }

    @Test
    void aLoraServiceWithoutTheTargetOfItsAlayaBaseSaysWhatItNeeds() {
        int loraCreatesBefore = vendor.requests().count("createLora");
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
        assertThat(vendor.requests().count("createLora")).as("nothing attached on the vendor").isEqualTo(loraCreatesBefore);
        managed.deleteAndAwaitGone("in-cluster-lora");
    }

    @Test
    void replicasGoThroughAlayasScaleCall() {
        managed.create(quickStart("scaled", 1, ""));
        ModelDeploymentView md = managed.awaitPhase("scaled", "Running");
        String id = (String) md.statusField("serviceId");
        int scalesBefore = vendor.requests().count("scale");

        ns.patchSpec("scaled", Map.of("replicas", 2));

        Await.until("two ready instances", TIMEOUT, () -> {
            ModelDeploymentView now = managed.md("scaled");
            return "Running".equals(now.phase()) && now.readyReplicas() == 2 ? now : null;
        });
        assertThat(vendor.service(id).orElseThrow().instances()).hasSize(2);
        assertThat(vendor.requests().count("scale") - scalesBefore).isEqualTo(1);
        var body = vendor.requests().last("scale").orElseThrow().body();
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
        assertThat(vendor.service(id).orElseThrow().status()).isEqualTo("running");
        assertThat(vendor.requests().count("cancel")).isZero();
        assertThat(vendor.requests().count("update")).isZero();
        assertThat(md.phase()).isEqualTo("Running");
    }

    private String quickStart(String name, int replicas, String targetExtra) {
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
                """.formatted(name, replicas, vendor.apiBaseUrl(), targetExtra);
    }
}
