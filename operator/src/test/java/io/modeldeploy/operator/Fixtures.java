package io.modeldeploy.operator;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.operator.api.v1alpha1.Adapter;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.config.GpuCatalog;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.provider.Providers;
import io.modeldeploy.operator.provider.VendorHttp;
import io.modeldeploy.operator.provider.alayanew.AlayaNewProvider;
import io.modeldeploy.operator.provider.drun.DRunProvider;
import io.modeldeploy.operator.provider.qianfan.QianfanProvider;
import io.modeldeploy.operator.provider.zstack.ZStackProvider;
import io.modeldeploy.operator.render.ApiKeyRef;
import io.modeldeploy.operator.render.ApiKeySecretRenderer;
import io.modeldeploy.operator.render.RenderSettings;
import io.modeldeploy.operator.validate.DeploymentResolver;
import io.modeldeploy.operator.validate.Resolution;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shared test data: ModelDeployments written as YAML (as a user would), the operator's default render
 * settings and an API key reference. Every call returns fresh objects, so a test may change what it gets.
 */
public final class Fixtures {
    public static final String NAME = "qwen-chat";
    public static final String NAMESPACE = "team-a";
    public static final String UID = "3f6d1c2e-8a4b-4c1d-9e7f-0a1b2c3d4e5f";
    public static final long GENERATION = 3L;

    /** A key as the operator would generate it; tests check it never leaks into rendered objects. */
    public static final String API_KEY = "sk-Zm9yLXRlc3RzLW9ubHktbm90LWEtcmVhbC1rZXktMTIzNA";

    public static final String VLLM_REPOSITORY = "docker.io/vllm/vllm-openai";
    public static final String SGLANG_REPOSITORY = "docker.io/lmsysorg/sglang";
    public static final Duration STARTUP_TIMEOUT = Duration.ofHours(2);

    /** vLLM on two H100s, two served names, one extra engine flag, two instances. */
    public static final String VLLM_SPEC = """
            model:
              id: Qwen/Qwen2.5-7B-Instruct
              servedNames: [qwen-chat, qwen]
            replicas: 2
            quickStart:
              backend: vllm
              backendVersion: "0.8.4"
              backendArgs: ["--max-model-len=8192"]
              resources:
                cpu: "8"
                memory: 64Gi
                gpu: {type: H100, count: 2}
            """;

    /** SGLang on one L40S, a single served name. */
    public static final String SGLANG_SPEC = """
            model: {id: meta-llama/Llama-3.1-8B-Instruct, servedNames: [llama]}
            quickStart:
              backend: sglang
              backendVersion: "0.4.6"
              resources: {cpu: "8", memory: 48Gi, gpu: {type: L40S, count: 1}}
            """;

    /** A user pod template: the serving container on 8000 plus a sidecar that must stay untouched. */
    public static final String EXPERT_SPEC = """
            model:
              id: mistralai/Mistral-7B-Instruct-v0.3
              servedNames: [mistral]
            expert:
              port: 8000
              healthPath: /health
              template:
                metadata:
                  labels: {team: nlp}
                  annotations: {prometheus.io/scrape: "true"}
                spec:
                  nodeSelector: {nvidia.com/gpu.product: NVIDIA-L40S}
                  tolerations:
                    - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}
                  containers:
                    - name: server
                      image: vllm/vllm-openai:v0.8.4
                      command: ["vllm", "serve", "mistralai/Mistral-7B-Instruct-v0.3"]
                      args: ["--port", "8000", "--api-key", "$(MODELDEPLOY_API_KEY)"]
                      env:
                        - {name: HF_HUB_OFFLINE, value: "1"}
                      ports:
                        - {name: http, containerPort: 8000}
                      readinessProbe:
                        httpGet: {path: /health, port: http}
                        periodSeconds: 5
                    - name: log-shipper
                      image: fluent/fluent-bit:3.0
                      ports:
                        - {name: metrics, containerPort: 2020}
            """;

    /** A LoRA service on top of another deployment. */
    public static final String LORA_SPEC = """
            model:
              id: Qwen/Qwen2.5-7B-Instruct
            lora:
              baseRef: {name: qwen-base}
            adapters:
              - {name: sql-lora, uri: hf://org/sql-lora}
            """;

    private Fixtures() {
    }

    /** A ModelDeployment qwen-chat in team-a whose spec is {@code specYaml} (the keys under {@code spec:}). */
    public static ModelDeployment modelDeployment(String specYaml) {
        return manifest("""
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata:
                  name: %s
                  namespace: %s
                  uid: %s
                  generation: %d
                spec:
                %s""".formatted(NAME, NAMESPACE, UID, GENERATION, specYaml.indent(2)));
    }

    /** A whole manifest, such as a file of samples/; namespace, uid and generation are filled in when missing. */
    public static ModelDeployment manifest(String yaml) {
        ModelDeployment md = Serialization.unmarshal(yaml, ModelDeployment.class);
        var meta = md.getMetadata();
        if (meta.getNamespace() == null) {
            meta.setNamespace(NAMESPACE);
        }
        if (meta.getUid() == null) {
            meta.setUid(UID);
        }
        if (meta.getGeneration() == null) {
            meta.setGeneration(GENERATION);
        }
        return md;
    }

    public static ModelDeployment vllmQuickStart() {
        return modelDeployment(VLLM_SPEC);
    }

    public static ModelDeployment sglangQuickStart() {
        return modelDeployment(SGLANG_SPEC);
    }

    /** The first SGLang line whose parser has the run-time adapter flags the operator sets (0.5). */
    public static final String SGLANG_LORA_VERSION = "0.5.2";

    /** {@link #sglangQuickStart()} on an SGLang release that can load adapters at run time. */
    public static ModelDeployment sglangLoraCapableQuickStart() {
        ModelDeployment md = sglangQuickStart();
        md.getSpec().getQuickStart().setBackendVersion(SGLANG_LORA_VERSION);
        return md;
    }

    public static ModelDeployment expert() {
        return modelDeployment(EXPERT_SPEC);
    }

    public static ModelDeployment lora() {
        return modelDeployment(LORA_SPEC);
    }

    /** spec.adapters naming each adapter {@code name} at {@code hf://org/<name>}. */
    public static List<Adapter> adapters(String... names) {
        return java.util.Arrays.stream(names).map(name -> {
            Adapter adapter = new Adapter();
            adapter.setName(name);
            adapter.setUri("hf://org/" + name);
            return adapter;
        }).toList();
    }

    /** The operator's built-in GPU catalog, with the default resource name and product label. */
    public static GpuCatalog defaultGpuCatalog() {
        return new GpuCatalog(GpuCatalog.parse(GpuCatalog.DEFAULT_CATALOG), "nvidia.com/gpu", "nvidia.com/gpu.product");
    }

    /** The operator's defaults (application config), without a registry mirror. */
    public static RenderSettings settings() {
        return settings(Optional.empty());
    }

    public static RenderSettings settingsWithMirror(String mirror) {
        return settings(Optional.of(mirror));
    }

    private static RenderSettings settings(Optional<String> mirror) {
        return new RenderSettings(Map.of(Backend.VLLM, VLLM_REPOSITORY, Backend.SGLANG, SGLANG_REPOSITORY), mirror,
                "IfNotPresent", defaultGpuCatalog(),
                "4", "16Gi", "8Gi", STARTUP_TIMEOUT,
                new RenderSettings.LoraSettings(4, 64, "all", 8001, Optional.empty()));
    }

    /** Every provider this operator implements, with no installation defaults, as the resolver sees them. */
    public static Providers providers() {
        VendorHttp http = new VendorHttp();
        return new Providers(List.of(new AlayaNewProvider(http), new DRunProvider(http), new QianfanProvider(http),
                new ZStackProvider(http)), Map.of());
    }

    public static DeploymentResolver resolver() {
        return new DeploymentResolver(providers());
    }

    /** The deployment {@code md} resolves to; fails the test when its spec is invalid. */
    public static ResolvedDeployment resolve(ModelDeployment md) {
        Resolution resolution = resolver().resolve(md);
        return resolution.deployment().orElseThrow(() -> new AssertionError("invalid spec: " + resolution.errors()));
    }

    /** Where the operator-made key of qwen-chat lives, with the digest of {@code key}. */
    public static ApiKeyRef apiKeyRef(String key) {
        return new ApiKeyRef(NAME + "-api-key", "apiKey", ApiKeySecretRenderer.digest(key));
    }

    public static ApiKeyRef apiKeyRef() {
        return apiKeyRef(API_KEY);
    }
}
