package io.modeldeploy.operator.render;

import io.modeldeploy.operator.config.GpuCatalog;
import io.modeldeploy.operator.config.OperatorConfig;

import java.time.Duration;
import java.util.Optional;

/** The operator configuration that rendering reads, as plain data so renderers stay pure and testable. */
public record RenderSettings(String vllmRepository, String sglangRepository, Optional<String> mirror,
                             String pullPolicy, GpuCatalog gpus, String defaultCpu, String defaultMemory,
                             String shmSize, Duration startupTimeout, LoraSettings lora) {

    /** LoRA sizing and the adapter-sync sidecar (see {@link OperatorConfig.Lora}). */
    public record LoraSettings(int maxLoras, int maxLoraRank, String sglangTargetModules, int syncPort,
                               Optional<String> syncImage) {
        public static LoraSettings from(OperatorConfig.Lora lora) {
            return new LoraSettings(lora.maxLoras(), lora.maxLoraRank(), lora.sglangTargetModules(), lora.syncPort(),
                    lora.syncImage());
        }

        /** Room for {@code adapters}: the configured size, or its next multiple when there are more. */
        public int capacityFor(int adapters) {
            int step = Math.max(1, maxLoras);
            return Math.max(step, (adapters + step - 1) / step * step);
        }
    }


    public static RenderSettings from(OperatorConfig config) {
        return new RenderSettings(config.images().vllmRepository(), config.images().sglangRepository(),
                config.images().mirror(), config.images().pullPolicy(), GpuCatalog.from(config.gpu()),
                config.defaults().cpu(), config.defaults().memory(), config.defaults().shmSize(),
                config.defaults().startupTimeout(), LoraSettings.from(config.lora()));
    }

    /** {@code docker.io/vllm/vllm-openai} with mirror {@code reg.example/m} becomes {@code reg.example/m/vllm/vllm-openai}. */
    public String image(String repository, String version) {
        String repo = mirror.map(m -> withMirror(m, repository)).orElse(repository);
        String tag = version.startsWith("v") ? version : "v" + version;
        return repo + ":" + tag;
    }

    private static String withMirror(String mirror, String repository) {
        int slash = repository.indexOf('/');
        String first = slash < 0 ? "" : repository.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        String path = hasRegistry ? repository.substring(slash + 1) : repository;
        return mirror.replaceAll("/+$", "") + "/" + path;
    }
}
