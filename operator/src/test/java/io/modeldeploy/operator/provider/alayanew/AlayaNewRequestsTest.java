package io.modeldeploy.operator.provider.alayanew;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorCalls;
import io.modeldeploy.operator.provider.VendorCredentials;
import io.modeldeploy.operator.provider.VendorException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlayaNewRequestsTest {
    private static final Map<String, Object> OPTIONS = Map.of("vksId", "vks-1", "namespace", "team");
    private static final String SECRET_KEY = "sk-never-in-a-message";

    @Test
    void quickStartBecomesTheQuickStartCreate() throws VendorException {
        JsonNode body = AlayaNewRequests.quickStart(call(Fixtures.vllmQuickStart(), OPTIONS));

        assertThat(body.path("vksId").asText()).isEqualTo("vks-1");
        assertThat(body.path("namespace").asText()).isEqualTo("team");
        assertThat(body.path("name").asText()).isEqualTo("vendor-name");
        assertThat(body.path("servedName").toString()).isEqualTo("[\"qwen-chat\",\"qwen\"]");
        assertThat(body.path("modelId").asText()).isEqualTo("Qwen/Qwen2.5-7B-Instruct");
        assertThat(body.path("backend").asText()).isEqualTo("vllm");
        assertThat(body.path("backendVersion").asText()).isEqualTo("0.8.4");
        assertThat(body.path("backendArgs").toString()).isEqualTo("[\"--max-model-len=8192\"]");
        assertThat(body.path("resource").path("cpu").asInt()).isEqualTo(8);
        assertThat(body.path("resource").path("mem").asInt()).isEqualTo(64);
        assertThat(body.path("resource").path("gpu").path("gpuType").asText()).isEqualTo("nvidia.com/gpu-h100");
        assertThat(body.path("resource").path("gpu").path("count").asInt()).isEqualTo(2);
    }

    @Test
    void optionsOverrideTheModelIdAndGpuTypeAndAnSglangEngineWithoutArgsSendsAnEmptyList() throws VendorException {
        JsonNode body = AlayaNewRequests.quickStart(call(Fixtures.sglangQuickStart(), Map.of("vksId", "v", "namespace", "n",
                "modelId", "alaya-model-42", "gpuType", "nvidia.com/gpu-l40s-48g")));

        assertThat(body.path("backend").asText()).isEqualTo("sglang");
        assertThat(body.path("backendArgs").isArray()).isTrue();
        assertThat(body.path("backendArgs")).isEmpty();
        assertThat(body.path("modelId").asText()).isEqualTo("alaya-model-42");
        assertThat(body.path("resource").path("gpu").path("gpuType").asText()).isEqualTo("nvidia.com/gpu-l40s-48g");
    }

    @Test
    void fractionalCpuAndMemoryRoundUp() throws VendorException {
        assertThat(AlayaNewRequests.cpu("500m", "cpu")).isEqualTo(1);
        assertThat(AlayaNewRequests.cpu("2", "cpu")).isEqualTo(2);
        assertThat(AlayaNewRequests.gib("1536Mi", "mem")).isEqualTo(2);
        assertThat(AlayaNewRequests.gib("64Gi", "mem")).isEqualTo(64);
    }

    @Test
    void missingVksIdIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> AlayaNewRequests.quickStart(call(Fixtures.vllmQuickStart(), Map.of("namespace", "n"))))
                .isInstanceOf(VendorException.class).hasMessageContaining("vksId")
                .extracting(e -> ((VendorException) e).kind()).isEqualTo(VendorException.Kind.REFUSED);
    }

    @Test
    void inlineAdaptersAndForeignModelUrisAreRefusedNotDropped() {
        ModelDeployment withAdapters = Fixtures.vllmQuickStart();
        withAdapters.getSpec().setAdapters(java.util.List.of(adapter("a", "hf://x/a")));
        assertThatThrownBy(() -> AlayaNewRequests.quickStart(call(withAdapters, OPTIONS)))
                .hasMessageContaining("LoRA services");

        ModelDeployment fromPvc = Fixtures.vllmQuickStart();
        fromPvc.getSpec().getModel().setUri("pvc://models/qwen");
        assertThatThrownBy(() -> AlayaNewRequests.quickStart(call(fromPvc, OPTIONS)))
                .hasMessageContaining("spec.model.uri");
    }

    @Test
    void expertBecomesTheExpertCreateWithTheContainerAndAFixedScale() throws VendorException {
        ModelDeployment md = Fixtures.modelDeployment("""
                model: {id: mistralai/Mistral-7B-Instruct-v0.3, servedNames: [mistral]}
                replicas: 2
                expert:
                  port: 8000
                  template:
                    metadata: {labels: {team: nlp}}
                    spec:
                      nodeSelector: {nvidia.com/gpu.product: NVIDIA-L40S}
                      containers:
                        - name: server
                          image: vllm/vllm-openai:v0.8.4
                          command: ["vllm", "serve", "mistralai/Mistral-7B-Instruct-v0.3"]
                          args: ["--port", "8000"]
                          env: [{name: HF_HUB_OFFLINE, value: "1"}]
                          ports: [{containerPort: 8000}]
                          resources: {limits: {cpu: "8", memory: 32Gi, nvidia.com/gpu: "1"}}
                          volumeMounts: [{name: weights, mountPath: /models}]
                      volumes: [{name: weights, persistentVolumeClaim: {claimName: model-cache}}]
                """);
        JsonNode body = AlayaNewRequests.expert(call(md, Map.of("vksId", "v", "namespace", "n",
                "gpuType", "nvidia.com/gpu-l40s", "rpsValue", "10", "idleTime", "300")));

        JsonNode head = body.path("headConfig");
        assertThat(head.path("image").asText()).isEqualTo("vllm/vllm-openai:v0.8.4");
        assertThat(head.path("cmd").toString()).isEqualTo("[\"vllm\",\"serve\",\"mistralai/Mistral-7B-Instruct-v0.3\"]");
        assertThat(head.path("args").toString()).isEqualTo("[\"--port\",\"8000\"]");
        assertThat(head.path("env").path("HF_HUB_OFFLINE").asText()).isEqualTo("1");
        assertThat(head.path("labels").path("team").asText()).isEqualTo("nlp");
        assertThat(head.path("resource").path("cpu").asInt()).isEqualTo(8);
        assertThat(head.path("resource").path("mem").asInt()).isEqualTo(32);
        assertThat(head.path("resource").path("gpu").path("count").asInt()).isEqualTo(1);
        assertThat(head.path("resource").path("gpu").path("gpuType").asText()).isEqualTo("nvidia.com/gpu-l40s");
        assertThat(head.path("pvcMounts").get(0).path("pvcName").asText()).isEqualTo("model-cache");
        assertThat(head.path("pvcMounts").get(0).path("containerPath").asText()).isEqualTo("/models");
        assertThat(body.path("scale").path("min").asInt()).isEqualTo(2);
        assertThat(body.path("scale").path("max").asInt()).isEqualTo(2);
        assertThat(body.path("scale").path("rpsValue").asLong()).isEqualTo(10);
        assertThat(body.path("scale").path("idleTime").asLong()).isEqualTo(300);
        assertThat(body.path("extensions").isObject()).isTrue();
    }

    @Test
    void expertWithASidecarOrASecretEnvIsRefused() {
        ModelDeployment sidecar = Fixtures.expert(); // the fixture carries a sidecar
        assertThatThrownBy(() -> AlayaNewRequests.expert(call(sidecar, Map.of("vksId", "v", "namespace", "n",
                "gpuType", "g")))).hasMessageContaining("one container");

        ModelDeployment secretEnv = Fixtures.modelDeployment("""
                model: {id: m}
                expert:
                  template:
                    spec:
                      containers:
                        - name: server
                          image: img
                          ports: [{containerPort: 8000}]
                          env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: k}}}]
                """);
        assertThatThrownBy(() -> AlayaNewRequests.expert(call(secretEnv, OPTIONS))).hasMessageContaining("valueFrom");
    }

    @Test
    void loraModeAttachesItsOneAdapterToTheBaseService() throws VendorException {
        ModelDeployment md = Fixtures.lora();
        md.getSpec().setAdapters(java.util.List.of(adapter("sql-lora", "hf://example/sql-lora")));
        VendorCall call = VendorCalls.call(Provider.AlayaNeW, md, "vendor-name", URI.create("http://alaya"), credentials(), Map.of(), "svc-base");

        JsonNode body = AlayaNewRequests.lora(call);

        assertThat(body.path("baseServiceId").asText()).isEqualTo("svc-base");
        assertThat(body.path("modelId").asText()).isEqualTo("example/sql-lora");
        assertThat(body.path("name").asText()).isEqualTo("vendor-name");
        assertThat(body.path("servedName").toString()).isEqualTo("[\"sql-lora\"]");
    }

    @Test
    void loraModeWithTwoAdaptersIsRefused() {
        ModelDeployment md = Fixtures.lora();
        md.getSpec().setAdapters(java.util.List.of(adapter("a", "hf://x/a"), adapter("b", "hf://x/b")));
        VendorCall call = VendorCalls.call(Provider.AlayaNeW, md, "vendor-name", URI.create("http://alaya"), credentials(), Map.of(), "svc-base");
        assertThatThrownBy(() -> AlayaNewRequests.lora(call)).hasMessageContaining("exactly one");
    }

    @Test
    void scaleSendsMinEqualToMaxAndRefusesZero() throws VendorException {
        JsonNode body = AlayaNewRequests.scale("svc-1", 3, call(Fixtures.vllmQuickStart(), OPTIONS));
        assertThat(body.path("serviceId").asText()).isEqualTo("svc-1");
        assertThat(body.path("scale").path("min").asInt()).isEqualTo(3);
        assertThat(body.path("scale").path("max").asInt()).isEqualTo(3);
        assertThatThrownBy(() -> AlayaNewRequests.scale("svc-1", 0, call(Fixtures.vllmQuickStart(), OPTIONS)))
                .hasMessageContaining("at least one");
    }

    @Test
    void theAuthorizationHeaderIsThePlainSchemeAndMissingKeysAreCredentialErrorsWithoutValues() throws VendorException {
        assertThat(AlayaNewProvider.authorization(call(Fixtures.vllmQuickStart(), OPTIONS)))
                .isEqualTo("plain Credential=ak-1,Signature=" + SECRET_KEY);
        VendorCall noSecret = VendorCalls.call(Provider.AlayaNeW, Fixtures.vllmQuickStart(), "n", URI.create("http://alaya"),
                new VendorCredentials(Map.of("accessKey", "ak-1")), OPTIONS);
        assertThatThrownBy(() -> AlayaNewProvider.authorization(noSecret))
                .isInstanceOf(VendorException.class).hasMessageContaining("secretKey").hasMessageNotContaining("ak-1")
                .extracting(e -> ((VendorException) e).kind()).isEqualTo(VendorException.Kind.CREDENTIALS);
    }

    private static VendorCall call(ModelDeployment md, Map<String, Object> options) {
        return VendorCalls.call(Provider.AlayaNeW, md, "vendor-name", URI.create("http://alaya"), credentials(), options);
    }

    private static VendorCredentials credentials() {
        return new VendorCredentials(Map.of("accessKey", "ak-1", "secretKey", SECRET_KEY));
    }

    private static io.modeldeploy.operator.api.v1alpha1.Adapter adapter(String name, String uri) {
        var adapter = new io.modeldeploy.operator.api.v1alpha1.Adapter();
        adapter.setName(name);
        adapter.setUri(uri);
        return adapter;
    }
}
