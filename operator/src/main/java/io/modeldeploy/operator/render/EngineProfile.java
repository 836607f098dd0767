package io.modeldeploy.operator.render;

import io.modeldeploy.operator.api.v1alpha1.Backend;

import java.util.List;
import java.util.Map;

/**
 * What differs between inference engines: image, entry point, flags, ports and health paths
 * ({@code shared/design/engines.md}). One implementation per engine keeps engine facts in one place.
 */
public interface EngineProfile {
    /** Env var that carries the API key from its Secret, for engines that cannot read it from env themselves. */
    String API_KEY_ENV = "MODELDEPLOY_API_KEY";

    /** What the operator knows when it writes an engine's flags. */
    record Inputs(String model, List<String> servedNames, int tensorParallelSize) {
    }

    static EngineProfile of(Backend backend) {
        return switch (backend) {
            case VLLM -> new VllmProfile();
            case SGLANG -> new SglangProfile();
        };
    }

    String imageRepository(RenderSettings settings);

    int defaultPort();

    List<String> command();

    /** The operator's flags; the API key never appears in them, at most a {@code $(VAR)} reference. */
    EngineArgs operatorArgs(Inputs inputs);

    /** The env var the API key Secret is mapped to. */
    String apiKeyEnv();

    /**
     * Adds the flags that let the engine load adapters at run time, with room for {@code capacity} of them
     * and ranks up to the configured maximum (set at start: later adapters must fit without a restart).
     */
    EngineArgs withLora(EngineArgs args, int capacity, RenderSettings.LoraSettings lora);

    /**
     * Adds the flags that spread one instance over a multi-node group (to the operator's flags, before the
     * user's backendArgs override them).
     */
    EngineArgs withGroup(EngineArgs args, GroupMember member, String leaderAddress, int gpusPerNode);

    /** How one member of a multi-node group starts, from its final engine flags. */
    MemberLaunch memberLaunch(GroupMember member, EngineArgs args);

    /**
     * A group member's container command and args; {@code answersHttp} is false for members that run no
     * HTTP server at all (they get neither the http port nor probes).
     */
    record MemberLaunch(List<String> command, List<String> args, boolean answersHttp) {
    }

    /** Env the engine needs for its run-time adapter API. */
    default Map<String, String> loraEnv() {
        return Map.of();
    }

    /** Answers 200 once the model is loaded and the engine can generate. */
    String readinessPath();

    /** Answers 200 while the process is alive. */
    String livenessPath();
}
