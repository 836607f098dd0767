package io.modeldeploy.sim.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Every engine launch the operator renders today ({@code operator-launches.json}, kept current by the operator's
 * RenderedEngineLaunchesTest) starts on the engine release it names: its parser accepts every flag, and the
 * container is recognised as an engine or a Ray node.
 */
class OperatorLaunchesTest {
    private record Launch(String pod, String image, List<String> command, List<String> args, Map<String, String> env) {
    }

    private static List<Launch> launches() throws IOException {
        try (InputStream in = OperatorLaunchesTest.class.getResourceAsStream("operator-launches.json")) {
            assertThat(in).as("operator-launches.json on the test classpath").isNotNull();
            return new ObjectMapper().readValue(in, new TypeReference<>() {
            });
        }
    }

    @TestFactory
    Stream<DynamicTest> theEngineAcceptsEachLaunch() throws IOException {
        return launches().stream().map(l -> DynamicTest.dynamicTest(l.pod() + " on " + l.image(), () -> {
            assertThatCode(() -> ContainerLaunch.parse(l.image(), l.command(), l.args(), l.env()))
                    .as("the engine would exit at start").doesNotThrowAnyException();
            assertThat(ContainerLaunch.parse(l.image(), l.command(), l.args(), l.env()).isEmpty()).isFalse();
        }));
    }

    /** So that an emptied or truncated file cannot pass: both engines, alone, with adapters and in groups. */
    @Test
    void theLaunchesCoverBothEnginesInEveryShape() throws IOException {
        assertThat(launches()).extracting(Launch::pod).contains(
                "vllm quickStart", "sglang quickStart", "vllm quickStart with adapter-sync sidecar",
                "sglang quickStart with adapter-sync sidecar", "vllm group leader", "sglang group leader");
        assertThat(launches()).filteredOn(l -> l.pod().contains("adapter-sync"))
                .allSatisfy(l -> assertThat(l.args()).contains("--enable-lora"));
    }
}
