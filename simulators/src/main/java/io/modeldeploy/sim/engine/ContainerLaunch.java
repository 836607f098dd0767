package io.modeldeploy.sim.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a container runs, as far as the simulators care: an engine (vLLM or SGLang), a {@code ray start}
 * (the multi-node vLLM leader script starts a Ray head and then the engine; a worker script only joins
 * Ray), both, or neither (a sidecar).
 */
public record ContainerLaunch(Optional<RayStart> ray, Optional<EngineLaunch> engine) {

    public static final ContainerLaunch NOTHING = new ContainerLaunch(Optional.empty(), Optional.empty());

    /**
     * Reads a container launch as {@link EngineLaunch#parse} does, and also finds {@code ray start} inside a
     * {@code sh -c} script (with {@code $VAR} from the env and {@code "$@"} from the words after the script).
     *
     * @throws IllegalArgumentException when the engine's arguments are malformed (the engine would exit at once)
     */
    public static ContainerLaunch parse(String image, List<String> command, List<String> args, Map<String, String> env) {
        return LaunchParser.parseContainer(image, command, args, env);
    }

    public boolean isEmpty() {
        return ray.isEmpty() && engine.isEmpty();
    }
}
