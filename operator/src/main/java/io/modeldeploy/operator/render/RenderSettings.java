package io.modeldeploy.operator.render;

import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.config.GpuCatalog;
import io.modeldeploy.operator.config.OperatorConfig;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.Engines;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The operator configuration that rendering reads, as plain data so renderers stay pure and testable. */
public record RenderSettings(Map<Backend, String> repositories, Optional<String> mirror,
                             String pullPolicy, GpuCatalog gpus, String defaultCpu, String defaultMemory,
                             String shmSize, Duration startupTimeout, LoraSettings lora,
                             PodSecurityProfile podSecurity, NetworkPolicySettings networkPolicy) {

    public RenderSettings {
        repositories = Map.copyOf(repositories);
    }

    /** Baseline pods, NetworkPolicies on without operator or gateway peers. */
    public RenderSettings(Map<Backend, String> repositories, Optional<String> mirror, String pullPolicy, GpuCatalog gpus,
                          String defaultCpu, String defaultMemory, String shmSize, Duration startupTimeout,
                          LoraSettings lora) {
        this(repositories, mirror, pullPolicy, gpus, defaultCpu, defaultMemory, shmSize, startupTimeout, lora,
                PodSecurityProfile.BASELINE, NetworkPolicySettings.LOCAL);
    }

    public RenderSettings withPodSecurity(PodSecurityProfile profile) {
        return new RenderSettings(repositories, mirror, pullPolicy, gpus, defaultCpu, defaultMemory, shmSize,
                startupTimeout, lora, profile, networkPolicy);
    }

    public RenderSettings withNetworkPolicy(NetworkPolicySettings policy) {
        return new RenderSettings(repositories, mirror, pullPolicy, gpus, defaultCpu, defaultMemory, shmSize,
                startupTimeout, lora, podSecurity, policy);
    }

    /** LoRA sizing and the adapter-sync sidecar (see {@link OperatorConfig.Lora}). */
    public record LoraSettings(int maxLoras, int maxLoraRank, String targetModules, int syncPort,
                               Optional<String> syncImage) {
        public static LoraSettings from(OperatorConfig.Lora lora) {
            return new LoraSettings(lora.maxLoras(), lora.maxLoraRank(), lora.targetModules(), lora.syncPort(),
                    lora.syncImage());
        }

        /** Room for {@code adapters}: the configured size, or its next multiple when there are more. */
        public int capacityFor(int adapters) {
            int step = Math.max(1, maxLoras);
            return Math.max(step, (adapters + step - 1) / step * step);
        }

        /** What an engine must have room for to serve {@code adapters} now and more later without a restart. */
        public Engine.LoraRoom roomFor(int adapters) {
            return new Engine.LoraRoom(capacityFor(adapters), maxLoraRank, targetModules);
        }
    }

    public static RenderSettings from(OperatorConfig config) {
        return new RenderSettings(repositories(config.images().repository()), config.images().mirror(),
                config.images().pullPolicy(), GpuCatalog.from(config.gpu()),
                config.defaults().cpu(), config.defaults().memory(), config.defaults().shmSize(),
                config.defaults().startupTimeout(), LoraSettings.from(config.lora()),
                PodSecurityProfile.parse(config.podSecurity().profile()), NetworkPolicySettings.from(config.networkPolicy()));
    }

    /** Every backend's repository: the configured one (keyed by {@link Backend#id()}), else its engine's public one. */
    public static Map<Backend, String> repositories(Map<String, String> configured) {
        Map<Backend, String> out = new EnumMap<>(Backend.class);
        for (Backend backend : Backend.values()) {
            String repository = configured.get(backend.id());
            out.put(backend, repository == null || repository.isBlank()
                    ? Engines.of(backend).defaultImageRepository() : repository);
        }
        return out;
    }

    /** The image of {@code backend} at {@code version}, through the mirror when there is one. */
    public String image(Backend backend, String version) {
        return image(repositories.get(backend), version);
    }

    /** {@code docker.io/org/engine} with mirror {@code reg.example/m} becomes {@code reg.example/m/org/engine}. */
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
