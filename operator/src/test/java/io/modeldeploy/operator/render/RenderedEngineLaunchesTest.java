package io.modeldeploy.operator.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.modeldeploy.operator.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine launches the operator renders (every pod kind of {@link RenderedPods}: single node, with
 * adapters, group leader and worker, for both engines), written down for the engine simulator's
 * {@code OperatorLaunchesTest}, which checks that each engine release's parser accepts them. This test fails
 * when the rendering changes and the file was not regenerated, so a new, renamed or misspelt flag reaches the
 * simulator's check instead of resting on string literals here.
 */
class RenderedEngineLaunchesTest {
    /** Shared with the simulators module's tests, which read it from their classpath. */
    static final Path LAUNCHES = Path.of("..", "simulators", "src", "test", "resources", "io", "modeldeploy", "sim",
            "engine", "operator-launches.json");
    private static final String UPDATE = "modeldeploy.update-launches";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theCommittedLaunchesAreWhatTheOperatorRendersToday() throws IOException {
        String rendered = JSON.writeValueAsString(launches()) + "\n";
        if (Boolean.getBoolean(UPDATE)) {
            Files.writeString(LAUNCHES, rendered);
        }
        assertThat(Files.readString(LAUNCHES))
                .as("engine launches changed: regenerate with -D" + UPDATE + "=true, then run the simulators' "
                        + "OperatorLaunchesTest, which says whether the engines accept them")
                .isEqualTo(rendered);
    }

    @Test
    void everyPodKindWithAnEngineIsWrittenDown() {
        assertThat(launches()).extracting(l -> l.get("pod")).containsExactly(
                "vllm quickStart", "sglang quickStart", "vllm quickStart with adapter-sync sidecar",
                "sglang quickStart with adapter-sync sidecar", "vllm group leader", "vllm group worker",
                "sglang group leader", "sglang group worker");
    }

    private static List<Map<String, Object>> launches() {
        List<Map<String, Object>> out = new ArrayList<>();
        RenderedPods.all(Fixtures.settings()).forEach((pod, spec) -> engine(spec).ifPresent(engine -> {
            Map<String, Object> launch = new LinkedHashMap<>();
            launch.put("pod", pod);
            launch.put("image", engine.getImage());
            launch.put("command", engine.getCommand());
            launch.put("args", engine.getArgs());
            launch.put("env", literalEnv(engine));
            out.add(launch);
        }));
        return out;
    }

    private static Optional<Container> engine(PodSpec spec) {
        return spec.getContainers().stream().filter(c -> c.getName().equals(QuickStartPodRenderer.CONTAINER)).findFirst();
    }

    /** Values from Secrets or the downward API are left out: the launch must not depend on them. */
    private static Map<String, String> literalEnv(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (var.getValue() != null) {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }
}
