package io.modeldeploy.sim.engine;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulated engines refuse at start what the real engines' argparse refuses, with argparse's words and
 * exit status: unknown options, values of the wrong type, values outside the choices. Each refusal here is a
 * command line the real engine exits on, and each acceptance one it starts with.
 */
class EngineArgparseTest {
    private static final String API_SERVER = "vllm.entrypoints.openai.api_server";

    private static EngineLaunch vllm(String version, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", "-m", API_SERVER));
        command.addAll(List.of(args));
        return EngineLaunch.parse("vllm/vllm-openai:v" + version, command, List.of(), Map.of()).orElseThrow();
    }

    private static EngineLaunch sglang(String version, String... args) {
        return EngineLaunch.parse("lmsysorg/sglang:v" + version, List.of("python3", "-m", "sglang.launch_server"),
                List.of(args), Map.of()).orElseThrow();
    }

    @Nested
    class Vllm {
        /** What the operator renders for a single node, a LoRA base and a multi-node leader, together. */
        @ParameterizedTest
        @ValueSource(strings = {"0.8.4", "0.9.0.1", "0.9.1"})
        void acceptsTheFlagsTheOperatorRenders(String version) {
            EngineLaunch launch = vllm(version, "--model", "Qwen/Qwen2.5-0.5B-Instruct",
                    "--served-model-name", "qwen", "qwen-chat", "--host", "0.0.0.0", "--port", "8000",
                    "--tensor-parallel-size", "2", "--pipeline-parallel-size", "2", "--distributed-executor-backend", "ray",
                    "--enable-lora", "--max-loras", "4", "--max-cpu-loras", "4", "--max-lora-rank", "64");

            assertThat(launch.servedNames()).containsExactly("qwen", "qwen-chat");
            assertThat(launch.enableLora()).isTrue();
            assertThat(launch.tensorParallelSize()).isEqualTo(2);
        }

        @Test
        void acceptsWhatItsParserAcceptsBeyondTheOperatorsFlags() {
            EngineLaunch launch = vllm("0.8.4", "--model=org/m", "-tp", "2", "--max_model_len", "4k",
                    "--gpu-memory-utilization", "0.85", "--no-enable-prefix-caching", "--max-cpu-loras", "None",
                    "--enforce-eager", "--lora-modules", "a=/a", "b=/b", "--dtype", "bfloat16", "--seed", "-1",
                    "--max-model", "8192");

            assertThat(launch.tensorParallelSize()).as("-tp is --tensor-parallel-size").isEqualTo(2);
            assertThat(launch.startupAdapters()).containsOnlyKeys("a", "b");
        }

        @Test
        void refusesAMisspeltFlagWithTheValuesAfterIt() {
            assertThatThrownBy(() -> vllm("0.8.4", "--model", "m", "--max-model-lenn", "4096"))
                    .isInstanceOf(EngineArgumentError.class)
                    .hasMessage("api_server.py: error: unrecognized arguments: --max-model-lenn 4096");
        }

        /** 0.9 built its model options from ModelConfig: its bool fields gained a --no- form there. */
        @Test
        void theV09LineNegatesModelSwitchesThatV08CouldNot() {
            assertThat(vllm("0.9.1", "--model", "m", "--no-trust-remote-code", "-dpl", "1").model()).isEqualTo("m");
            assertThatThrownBy(() -> vllm("0.8.4", "--model", "m", "--no-trust-remote-code"))
                    .hasMessage("api_server.py: error: unrecognized arguments: --no-trust-remote-code");
        }

        @Test
        void refusesAFlagVllmNeverHad() {
            assertThatThrownBy(() -> vllm("0.9.1", "--model", "m", "--enable-metrics"))
                    .hasMessage("api_server.py: error: unrecognized arguments: --enable-metrics");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "--port|x|argument --port: invalid int value: 'x'",
                "--tensor-parallel-size|two|argument --tensor-parallel-size/-tp: invalid int value: 'two'",
                "--gpu-memory-utilization|high|argument --gpu-memory-utilization: invalid float value: 'high'",
                "--max-model-len|4 k|argument --max-model-len: invalid human_readable_int value: '4 k'",
                "--max-cpu-loras|x|argument --max-cpu-loras: Value x cannot be converted to <class 'int'>.",
                "--dtype|fp64|argument --dtype: invalid choice: 'fp64' (choose from 'auto', 'half', 'float16', 'bfloat16', 'float', 'float32')",
                "--block-size|12|argument --block-size: invalid choice: 12 (choose from 1, 8, 16, 32, 64, 128)",
                "--distributed-executor-backend|slurm|argument --distributed-executor-backend: invalid choice: 'slurm' (choose from 'ray', 'mp', 'uni', 'external_launcher')"})
        void refusesAValueOfTheWrongKind(String flag, String value, String message) {
            assertThatThrownBy(() -> vllm("0.8.4", "--model", "m", flag, value))
                    .isInstanceOf(EngineArgumentError.class)
                    .hasMessage("api_server.py: error: " + message);
        }

        @Test
        void refusesMissingValuesValuesOnSwitchesAndAmbiguousAbbreviations() {
            assertThatThrownBy(() -> vllm("0.8.4", "--model", "m", "--port"))
                    .hasMessage("api_server.py: error: argument --port: expected one argument");
            assertThatThrownBy(() -> vllm("0.8.4", "--model", "m", "--served-model-name", "--port", "8000"))
                    .hasMessage("api_server.py: error: argument --served-model-name: expected at least one argument");
            assertThatThrownBy(() -> vllm("0.8.4", "--model", "m", "--enable-lora=yes"))
                    .hasMessage("api_server.py: error: argument --enable-lora/--no-enable-lora: ignored explicit argument 'yes'");
            assertThatThrownBy(() -> vllm("0.8.4", "--model", "m", "--max-lora", "2"))
                    .hasMessage("api_server.py: error: ambiguous option: --max-lora could match --max-loras, --max-lora-rank");
        }

        @Test
        void theServeSubcommandTakesOnePositionalModel() {
            EngineLaunch launch = EngineLaunch.parse("vllm/vllm-openai:v0.9.1", List.of("vllm", "serve", "org/m", "--port", "9000"),
                    List.of(), Map.of()).orElseThrow();

            assertThat(launch.model()).isEqualTo("org/m");
            assertThatThrownBy(() -> EngineLaunch.parse("vllm/vllm-openai:v0.9.1", List.of("vllm", "serve", "org/m", "extra"),
                    List.of(), Map.of()))
                    .hasMessage("vllm serve: error: unrecognized arguments: extra");
        }
    }

    @Nested
    class Sglang {
        @ParameterizedTest
        @ValueSource(strings = {"0.4.6", "0.4.9", "0.5.2"})
        void acceptsTheFlagsTheOperatorRendersForOneNodeAndAGroup(String version) {
            EngineLaunch launch = sglang(version, "--model-path", "org/m", "--served-model-name", "m", "--host", "0.0.0.0",
                    "--port", "30000", "--tp-size", "4", "--enable-metrics", "--dist-init-addr", "leader:5000",
                    "--nnodes", "2", "--node-rank", "1", "--api-key", "k");

            assertThat(launch.tensorParallelSize()).isEqualTo(4);
            assertThat(launch.flag("dist-init-addr")).contains("leader:5000");
        }

        @Test
        void theV05LineAcceptsTheRunTimeAdapterFlags() {
            EngineLaunch launch = sglang("0.5.2", "--model-path", "org/m", "--enable-lora", "--max-lora-rank", "64",
                    "--lora-target-modules", "all", "--max-loras-per-batch", "4", "--max-loaded-loras", "4");

            assertThat(launch.runtimeLoraUpdating()).isTrue();
            assertThat(launch.maxLoadedLoras()).isEqualTo(4);
        }

        /** SGLang 0.4 has no run-time adapter loading: --enable-lora and its sizing flags came with the 0.5 line. */
        @ParameterizedTest
        @ValueSource(strings = {"0.4.6", "0.4.9"})
        void theV04LineRefusesTheRunTimeAdapterFlags(String version) {
            assertThatThrownBy(() -> sglang(version, "--model-path", "org/m", "--enable-lora", "--max-loaded-loras", "4"))
                    .isInstanceOf(EngineArgumentError.class)
                    .hasMessage("launch_server.py: error: unrecognized arguments: --enable-lora --max-loaded-loras 4");
        }

        @Test
        void refusesMisspeltUnderscoredAndMistypedFlags() {
            assertThatThrownBy(() -> sglang("0.4.9", "--model-path", "m", "--tp-sise", "2"))
                    .hasMessage("launch_server.py: error: unrecognized arguments: --tp-sise 2");
            assertThatThrownBy(() -> sglang("0.4.9", "--model-path", "m", "--tp_size", "2"))
                    .as("plain argparse: no underscore spelling, unlike vLLM")
                    .hasMessage("launch_server.py: error: unrecognized arguments: --tp_size 2");
            assertThatThrownBy(() -> sglang("0.4.9", "--model-path", "m", "--tp-size", "two"))
                    .hasMessage("launch_server.py: error: argument --tensor-parallel-size/--tp-size: invalid int value: 'two'");
            assertThatThrownBy(() -> sglang("0.5.2", "--model-path", "m", "--lora-target-modules", "q_proj", "everything"))
                    .hasMessageStartingWith("launch_server.py: error: argument --lora-target-modules: invalid choice: 'everything'");
        }

        @Test
        void refusesALaunchWithoutTheModelPath() {
            assertThatThrownBy(() -> sglang("0.4.6", "--port", "30000"))
                    .hasMessage("launch_server.py: error: the following arguments are required: --model-path/--model");
        }
    }

    @Nested
    class Versions {
        @Test
        void aReleaseIsCheckedAgainstTheNearestKnownLineAtOrBelowIt() {
            assertThat(EngineArgTables.of(EngineKind.SGLANG, "0.4.9.post1")).isSameAs(SglangArgs.V0_4);
            assertThat(EngineArgTables.of(EngineKind.SGLANG, "0.5.2")).isSameAs(SglangArgs.V0_5);
            assertThat(EngineArgTables.of(EngineKind.SGLANG, "0.6.0")).isSameAs(SglangArgs.V0_5);
            assertThat(EngineArgTables.of(EngineKind.VLLM, "0.8.4")).isSameAs(VllmArgs.V0_8);
            assertThat(EngineArgTables.of(EngineKind.VLLM, "0.9.0.1")).isSameAs(VllmArgs.V0_9);
        }

        @Test
        void anOlderReleaseGetsTheOldestLineAndATagWithoutAReleaseTheNewest() {
            assertThat(EngineArgTables.of(EngineKind.SGLANG, "0.3.6")).isSameAs(SglangArgs.V0_4);
            assertThat(EngineArgTables.of(EngineKind.SGLANG, "latest")).isSameAs(SglangArgs.V0_5);
        }
    }
}
