package io.modeldeploy.sim.engine;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class EngineLaunchTest {
    private static final String VLLM_IMAGE = "vllm/vllm-openai:v0.9.1";
    /** A release with the run-time adapter options these tests read (0.5 line). */
    private static final String SGLANG_IMAGE = "lmsysorg/sglang:v0.5.2";

    @Nested
    class Vllm {
        @Test
        void readsServeCommandInBothFlagForms() {
            EngineLaunch launch = EngineTestSupport.launch(VLLM_IMAGE, List.of("vllm", "serve"), List.of(
                    "meta-llama/Llama-3.1-8B-Instruct",
                    "--host", "0.0.0.0", "--port=8080",
                    "--served-model-name", "llama", "llama-8b",
                    "--api-key", "secret",
                    "--enable-lora", "--max-loras=4", "--max-lora-rank", "64",
                    "--lora-modules", "sql=/adapters/sql", "{\"name\": \"chat\", \"path\": \"/adapters/chat\"}",
                    "-tp", "4", "--pipeline-parallel-size=2",
                    "--gpu-memory-utilization", "0.9"), Map.of());

            assertThat(launch.kind()).isEqualTo(EngineKind.VLLM);
            assertThat(launch.model()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
            assertThat(launch.servedNames()).containsExactly("llama", "llama-8b");
            assertThat(launch.port()).isEqualTo(8080);
            assertThat(launch.apiKey()).contains("secret");
            assertThat(launch.enableLora()).isTrue();
            assertThat(launch.maxLoras()).isEqualTo(4);
            assertThat(launch.maxLoraRank()).isEqualTo(64);
            assertThat(launch.startupAdapters()).containsExactly(entry("sql", "/adapters/sql"), entry("chat", "/adapters/chat"));
            assertThat(launch.tensorParallelSize()).isEqualTo(4);
            assertThat(launch.pipelineParallelSize()).isEqualTo(2);
            assertThat(launch.rawArgs()).startsWith("meta-llama/Llama-3.1-8B-Instruct", "--host");
        }

        @Test
        void appliesVllmDefaults() {
            EngineLaunch launch = EngineTestSupport.launch(VLLM_IMAGE, List.of("vllm", "serve", "org/m"), List.of(), Map.of());

            assertThat(launch.port()).isEqualTo(8000);
            assertThat(launch.servedNames()).containsExactly("org/m");
            assertThat(launch.apiKey()).isEmpty();
            assertThat(launch.enableLora()).isFalse();
            assertThat(launch.startupAdapters()).isEmpty();
            assertThat(launch.maxLoras()).isEqualTo(1);
            assertThat(launch.maxLoraRank()).isEqualTo(16);
            assertThat(launch.maxLoadedLoras()).isEqualTo(Integer.MAX_VALUE);
            assertThat(launch.runtimeLoraUpdating()).isFalse();
            assertThat(launch.enableMetrics()).isTrue();
            assertThat(launch.tensorParallelSize()).isEqualTo(1);
            assertThat(launch.pipelineParallelSize()).isEqualTo(1);
        }

        @Test
        void takesTheKeyAndTheRuntimeLoraSwitchFromEnv() {
            EngineLaunch launch = EngineTestSupport.launch(VLLM_IMAGE, List.of("vllm", "serve", "m"), List.of(),
                    Map.of("VLLM_API_KEY", "from-secret", "VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True"));

            assertThat(launch.apiKey()).contains("from-secret");
            assertThat(launch.runtimeLoraUpdating()).isTrue();
            assertThat(parseVllmWithEnv(Map.of("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "1")).runtimeLoraUpdating()).isTrue();
            assertThat(parseVllmWithEnv(Map.of("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "false")).runtimeLoraUpdating()).isFalse();
        }

        @Test
        void prefersTheApiKeyFlagOverEnv() {
            EngineLaunch launch = EngineTestSupport.launch(VLLM_IMAGE, List.of("vllm", "serve", "m", "--api-key", "flag"),
                    List.of(), Map.of("VLLM_API_KEY", "env"));
            assertThat(launch.apiKey()).contains("flag");
        }

        @Test
        void readsTheApiServerModule() {
            EngineLaunch launch = EngineTestSupport.launch(VLLM_IMAGE,
                    List.of("python3", "-m", "vllm.entrypoints.openai.api_server"),
                    List.of("--model", "org/m", "--tensor_parallel_size", "2"), Map.of());

            assertThat(launch.kind()).isEqualTo(EngineKind.VLLM);
            assertThat(launch.model()).isEqualTo("org/m");
            assertThat(launch.tensorParallelSize()).as("vLLM accepts underscores in flag names").isEqualTo(2);
        }

        @Test
        void runsTheImageEntrypointWhenNoCommandIsGiven() {
            EngineLaunch withFlag = EngineTestSupport.launch(VLLM_IMAGE, List.of(), List.of("--model", "org/a", "--port", "9000"), Map.of());
            EngineLaunch lora = EngineTestSupport.launch(VLLM_IMAGE, null, List.of("--model", "org/b", "--enable-lora"), Map.of());

            assertThat(withFlag.model()).isEqualTo("org/a");
            assertThat(withFlag.port()).isEqualTo(9000);
            assertThat(lora.model()).isEqualTo("org/b");
            assertThat(lora.enableLora()).isTrue();
            assertThatThrownBy(() -> EngineLaunch.parse(VLLM_IMAGE, null, List.of("org/b"), Map.of()))
                    .as("the entrypoint is the api_server module, whose parser takes no positional model")
                    .hasMessage("api_server.py: error: unrecognized arguments: org/b");
        }

        @Test
        void findsTheEngineInsideAShellScript() {
            EngineLaunch launch = EngineTestSupport.launch(VLLM_IMAGE, List.of("/bin/sh", "-c"), List.of(
                    "pip install extra && exec vllm serve org/m --served-model-name 'my model' "
                            + "--lora-modules '{\"name\": \"sql\", \"path\": \"/a/sql\"}' --api-key \"$KEY\" --enable-lora"),
                    Map.of("KEY", "k1"));

            assertThat(launch.model()).isEqualTo("org/m");
            assertThat(launch.servedNames()).containsExactly("my model");
            assertThat(launch.startupAdapters()).containsExactly(entry("sql", "/a/sql"));
            assertThat(launch.apiKey()).contains("k1");
            assertThat(launch.enableLora()).isTrue();
        }

        @Test
        void rejectsMalformedArguments() {
            assertThatThrownBy(() -> EngineLaunch.parse(VLLM_IMAGE, List.of("vllm", "serve", "m", "--port", "http"), List.of(), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port");
            assertThatThrownBy(() -> EngineLaunch.parse(VLLM_IMAGE, List.of("vllm", "serve", "m", "--lora-modules", "/only/a/path"), List.of(), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("adapter spec");
        }

        private EngineLaunch parseVllmWithEnv(Map<String, String> env) {
            return EngineTestSupport.launch(VLLM_IMAGE, List.of("vllm", "serve", "m"), List.of(), env);
        }
    }

    @Nested
    class Sglang {
        @Test
        void readsLaunchServerFlags() {
            EngineLaunch launch = EngineTestSupport.launch(SGLANG_IMAGE, List.of("python3", "-m", "sglang.launch_server"), List.of(
                    "--model-path", "Qwen/Qwen2.5-7B", "--host=0.0.0.0", "--port", "31000",
                    "--served-model-name=qwen", "--api-key", "s3",
                    "--lora-paths", "sql=/a/sql", "/a/bare", "{\"lora_name\":\"chat\",\"lora_path\":\"/a/chat\",\"pinned\":true}",
                    "--max-loras-per-batch", "4", "--max-loaded-loras=6", "--max-lora-rank", "32",
                    "--tp-size", "2", "--pp-size", "2", "--enable-metrics"), Map.of());

            assertThat(launch.kind()).isEqualTo(EngineKind.SGLANG);
            assertThat(launch.model()).isEqualTo("Qwen/Qwen2.5-7B");
            assertThat(launch.servedNames()).containsExactly("qwen");
            assertThat(launch.port()).isEqualTo(31000);
            assertThat(launch.apiKey()).contains("s3");
            assertThat(launch.enableLora()).as("lora paths enable LoRA").isTrue();
            assertThat(launch.runtimeLoraUpdating()).isTrue();
            assertThat(launch.startupAdapters()).containsExactly(
                    entry("sql", "/a/sql"), entry("/a/bare", "/a/bare"), entry("chat", "/a/chat"));
            assertThat(launch.maxLoras()).isEqualTo(4);
            assertThat(launch.maxLoadedLoras()).isEqualTo(6);
            assertThat(launch.maxLoraRank()).isEqualTo(32);
            assertThat(launch.tensorParallelSize()).isEqualTo(2);
            assertThat(launch.pipelineParallelSize()).isEqualTo(2);
            assertThat(launch.enableMetrics()).isTrue();
        }

        @Test
        void appliesSglangDefaults() {
            EngineLaunch launch = EngineTestSupport.launch(SGLANG_IMAGE,
                    List.of("python3", "-m", "sglang.launch_server", "--model", "org/m"), List.of(), Map.of());

            assertThat(launch.model()).isEqualTo("org/m");
            assertThat(launch.port()).isEqualTo(30000);
            assertThat(launch.servedNames()).containsExactly("org/m");
            assertThat(launch.enableLora()).isFalse();
            assertThat(launch.runtimeLoraUpdating()).as("no LoRA, no run-time loading").isFalse();
            assertThat(launch.maxLoras()).isEqualTo(8);
            assertThat(launch.maxLoadedLoras()).isEqualTo(Integer.MAX_VALUE);
            assertThat(launch.enableMetrics()).isFalse();
            assertThat(launch.apiKey()).as("SGLang reads no env for its key").isEmpty();
        }

        @Test
        void enableLoraAloneAllowsRuntimeLoading() {
            EngineLaunch launch = EngineTestSupport.launch(SGLANG_IMAGE,
                    List.of("python3", "-m", "sglang.launch_server", "--model-path", "m", "--enable-lora"), List.of(), Map.of());
            assertThat(launch.enableLora()).isTrue();
            assertThat(launch.runtimeLoraUpdating()).isTrue();
            assertThat(launch.startupAdapters()).isEmpty();
        }

        /** The operator's launcher: the key comes from env inside the interpreter, never from argv. */
        @Test
        void readsAPythonLauncherThatRunsTheModuleWithTheKeyFromEnv() {
            String script = String.join("\n",
                    "import logging, os, runpy, sys",
                    "key = os.environ.get(\"MODELDEPLOY_API_KEY\", \"\")",
                    "if key:",
                    "    sys.argv += [\"--api-key\", key]",
                    "runpy.run_module(\"sglang.launch_server\", run_name=\"__main__\", alter_sys=True)");
            EngineLaunch launch = EngineTestSupport.launch(SGLANG_IMAGE, List.of("python3", "-c", script),
                    List.of("--model-path", "org/m", "--port", "30000", "--enable-metrics"),
                    Map.of("MODELDEPLOY_API_KEY", "sk-from-env"));

            assertThat(launch.kind()).isEqualTo(EngineKind.SGLANG);
            assertThat(launch.model()).isEqualTo("org/m");
            assertThat(launch.apiKey()).contains("sk-from-env");
            assertThat(launch.enableMetrics()).isTrue();
            assertThat(EngineTestSupport.launch(SGLANG_IMAGE, List.of("python3", "-c", script),
                    List.of("--model-path", "org/m"), Map.of()).apiKey()).isEmpty();
        }

        @Test
        void runsTheImageWithArgsOnly() {
            EngineLaunch launch = EngineTestSupport.launch(SGLANG_IMAGE, List.of(), List.of("--model-path", "org/m", "--tp", "8"), Map.of());
            assertThat(launch.kind()).isEqualTo(EngineKind.SGLANG);
            assertThat(launch.tensorParallelSize()).isEqualTo(8);
        }

        @Test
        void findsTheEngineInsideABashScript() {
            EngineLaunch launch = EngineTestSupport.launch("any/image", List.of("bash", "-ec",
                    "python3 -m sglang.launch_server --model-path ${MODEL} --port 30001; echo exited"), List.of(), Map.of("MODEL", "org/m"));
            assertThat(launch.model()).isEqualTo("org/m");
            assertThat(launch.port()).isEqualTo(30001);
            assertThat(launch.rawArgs()).doesNotContain("echo", "exited");
        }
    }

    @Test
    void ignoresContainersThatAreNotEngines() {
        assertThat(EngineLaunch.parse("busybox:1.36", List.of("sh", "-c", "sleep infinity"), List.of(), Map.of())).isEmpty();
        assertThat(EngineLaunch.parse("nginx:1.27", null, null, null)).isEmpty();
        assertThat(EngineLaunch.parse(VLLM_IMAGE, List.of("huggingface-cli", "download", "org/m"), List.of(), Map.of()))
                .as("a downloader using the vLLM image is not the engine").isEmpty();
        assertThat(EngineLaunch.parse("python:3.12", List.of("python3", "-m", "http.server"), List.of(), Map.of())).isEmpty();
    }

    @Test
    void splitsShellWordsWithQuotesAndOperators() {
        assertThat(ShellWords.split("a 'b c' \"d $X ${Y}\" e\\ f;g&&h", Map.of("X", "x", "Y", "y")))
                .containsExactly("a", "b c", "d x y", "e f", ";", "g", "&&", "h");
        assertThat(ShellWords.split("--empty '' end", Map.of())).containsExactly("--empty", "", "end");
    }

    @Test
    void readsBooleanFlagsAndTheirNegation() {
        EngineFlags flags = EngineFlags.parse(List.of("m", "--enable-lora", "--enable-metrics", "--no-enable-metrics",
                "--trust-remote-code=false", "--max-loras", "-1"), false);
        assertThat(flags.positionals()).containsExactly("m");
        assertThat(flags.isSet("enable-lora")).isTrue();
        assertThat(flags.isSet("enable-metrics")).isFalse();
        assertThat(flags.isSet("trust-remote-code")).isFalse();
        assertThat(flags.intValue(0, "max-loras")).as("-1 is a value, not a flag").isEqualTo(-1);
        assertThat(flags.value("absent")).isEqualTo(Optional.empty());
    }
}
