package io.modeldeploy.sim.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a container launch means to the engine simulator, parsed from the container's command, args and
 * env (and image, when the image entrypoint runs the engine). Only what the simulator acts on is kept;
 * {@link #rawArgs} holds the engine's own arguments for anything else.
 *
 * @param kind                 which engine the container runs
 * @param model                the model (vLLM {@code serve <model>} / {@code --model}; SGLang {@code --model-path})
 * @param servedNames          names the model answers to; the first one labels metrics and parents adapters
 * @param port                 the port the engine listens on
 * @param apiKey               the key clients must send as {@code Authorization: Bearer <key>}
 * @param enableLora           whether LoRA adapters can be loaded at all
 * @param startupAdapters      adapters loaded at start, name to path, in flag order
 * @param maxLoras             vLLM {@code --max-loras}, SGLang {@code --max-loras-per-batch}
 * @param maxLoraRank          {@code --max-lora-rank}; 0 when SGLang was not given one (it infers the rank)
 * @param maxLoadedLoras       SGLang {@code --max-loaded-loras}; {@link Integer#MAX_VALUE} when unbounded (always for vLLM)
 * @param runtimeLoraUpdating  whether the load/unload adapter endpoints exist
 * @param enableMetrics        whether {@code /metrics} exists
 * @param tensorParallelSize   tensor parallel size
 * @param pipelineParallelSize pipeline parallel size
 * @param rawArgs              the words after the engine invocation ({@code vllm serve}, {@code -m sglang.launch_server}, ...)
 */
public record EngineLaunch(EngineKind kind, String model, List<String> servedNames, int port, Optional<String> apiKey,
                           boolean enableLora, Map<String, String> startupAdapters, int maxLoras,
                           int maxLoraRank, int maxLoadedLoras, boolean runtimeLoraUpdating, boolean enableMetrics,
                           int tensorParallelSize, int pipelineParallelSize, List<String> rawArgs) {

    public EngineLaunch {
        servedNames = List.copyOf(servedNames);
        if (servedNames.isEmpty()) {
            throw new IllegalArgumentException("an engine serves at least one model name");
        }
        apiKey = apiKey == null ? Optional.empty() : apiKey;
        startupAdapters = Collections.unmodifiableMap(new LinkedHashMap<>(startupAdapters));
        rawArgs = List.copyOf(rawArgs);
    }

    /**
     * Reads a container launch. Recognised: {@code vllm serve <model> ...},
     * {@code python3 -m vllm.entrypoints.openai.api_server --model <m> ...},
     * {@code python3 -m sglang.launch_server --model-path <m> ...}, any of these inside a {@code sh -c} script,
     * and, with no command, an image whose name contains {@code vllm} or {@code sglang} (its entrypoint runs
     * the engine and the args are the engine's).
     *
     * @return empty when the container is not a vLLM or SGLang engine (e.g. a sidecar)
     * @throws IllegalArgumentException when the engine's arguments are malformed (the engine would exit at once)
     */
    public static Optional<EngineLaunch> parse(String image, List<String> command, List<String> args,
                                               Map<String, String> env) {
        return LaunchParser.parse(image, command, args, env);
    }

    /** The last value of an engine flag not kept as a field (e.g. {@code dist-init-addr}), read as the engine reads it. */
    public Optional<String> flag(String... aliases) {
        return EngineFlags.parse(rawArgs, kind == EngineKind.VLLM).value(aliases);
    }

    /** An integer engine flag, with its default. */
    public int intFlag(int fallback, String... aliases) {
        return EngineFlags.parse(rawArgs, kind == EngineKind.VLLM).intValue(fallback, aliases);
    }

    /** The name that labels metrics and parents adapters in {@code /v1/models}. */
    public String primaryServedName() {
        return servedNames.get(0);
    }
}
