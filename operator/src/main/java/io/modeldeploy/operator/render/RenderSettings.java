package io.modeldeploy.operator.render;

import io.modeldeploy.operator.config.GpuCatalog;
import io.modeldeploy.operator.config.OperatorConfig;

import java.time.Duration;
import java.util.Optional;

/** The operator configuration that rendering reads, as plain data so renderers stay pure and testable. */
public record RenderSettings(String vllmRepository, String sglangRepository, Optional<String> mirror,
                             String pullPolicy, GpuCatalog gpus, String defaultCpu, String defaultMemory,
                             String shmSize, Duration startupTimeout) {

    public static RenderSettings from(OperatorConfig config) {
        return new RenderSettings(config.images().vllmRepository(), config.images().sglangRepository(),
                config.images().mirror(), config.images().pullPolicy(), GpuCatalog.from(config.gpu()),
                config.defaults().cpu(), config.defaults().memory(), config.defaults().shmSize(),
                config.defaults().startupTimeout());
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
