package io.modeldeploy.e2e.chaos;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.support.Manifests;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fleet's manifests, as a user writes them, and the spec patches of its steps. Every pod asks for one GPU of the
 * fleet's own simulated nodes ({@link #GPU_PRODUCT}), so the suite shares no capacity with other tests.
 */
final class ChaosManifests {
    static final String GPU_PRODUCT = "NVIDIA-A100-SXM4-80GB";
    /** The fleet's one LoRA base: created first and never touched, so its services always have a base. */
    static final String LORA_BASE = "lora-base";
    static final String DRUN_SECRET = "drun-creds";
    private static final String MODEL = "Qwen/Qwen2.5-0.5B-Instruct";
    private static final String ONE_GPU = "{cpu: \"2\", memory: 8Gi, gpu: {type: A100, count: 1}}";

    private ChaosManifests() {
    }

    static GenericKubernetesResource manifest(Wanted wanted, String drunUrl) {
        String name = wanted.name();
        return switch (wanted.kind()) {
            case IN_CLUSTER -> Manifests.quickStart(name, MODEL, "vllm", "0.8.4", ONE_GPU,
                    common(wanted) + "adapters: " + adapterList(wanted.adapters()));
            case MULTI_NODE -> Manifests.quickStart(name, "meta-llama/Llama-3.1-70B-Instruct", "vllm", "0.8.4",
                    "{workers: 2, cpu: \"2\", memory: 8Gi, gpu: {type: A100, count: 1}}", common(wanted));
            case LORA_SERVICE -> Manifests.modelDeployment(name, """
                    model: {id: %s}
                    lora: {baseRef: {name: %s}}
                    adapters: %s
                    """.formatted(MODEL, LORA_BASE, adapterList(wanted.adapters())));
            case MANAGED -> Manifests.quickStart(name, "meta-llama/Llama-3.1-8B-Instruct", "vllm", "0.8.4",
                    "{gpu: {type: RTX4090, count: 1}}", common(wanted) + """
                            target:
                              provider: DRun
                              endpoint: %s
                              credentialsSecretRef: {name: %s}
                              dRun: {region: sh-02, skuId: sku-4090-1}
                            """.formatted(drunUrl, DRUN_SECRET));
            case LORA_BASE -> loraBase();
        };
    }

    /** The base of the fleet's LoRA services: one engine, LoRA on, no adapters of its own. */
    static GenericKubernetesResource loraBase() {
        return Manifests.quickStart(LORA_BASE, MODEL, "vllm", "0.8.4", ONE_GPU, "adapters: []");
    }

    /** The merge patch that turns a deployment's spec into {@code wanted}. */
    static Map<String, Object> specPatch(Wanted wanted) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (wanted.kind().maxReplicas() > 0) {
            spec.put("replicas", wanted.replicas());
        }
        if (wanted.kind().stoppable()) {
            spec.put("stopped", wanted.stopped());
        }
        if (wanted.kind().hasAdapters()) {
            spec.put("adapters", wanted.adapters().stream()
                    .map(a -> Map.of("name", a, "uri", uri(a))).toList());
        }
        return spec;
    }

    private static String common(Wanted wanted) {
        return "replicas: " + wanted.replicas() + "\nstopped: " + wanted.stopped() + "\n";
    }

    private static String adapterList(List<String> adapters) {
        return adapters.stream().map(a -> "{name: " + a + ", uri: " + uri(a) + "}")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String uri(String adapter) {
        return "hf://example/" + adapter + "-lora";
    }
}
