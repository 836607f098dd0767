package io.modeldeploy.sim.engine;

import io.modeldeploy.sim.testing.MultiNodeContract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The multi-node launches the operator renders, read as a container's shell would run them. */
class MultiNodeLaunchTest {
    static final String LEADER_SCRIPT = MultiNodeContract.LEADER_SCRIPT;
    static final String WORKER_SCRIPT = MultiNodeContract.WORKER_SCRIPT;
    private static final String LEADER_DNS = "foo-0.foo-leaders.team.svc";
    private static final Map<String, String> ENV = Map.of("MODELDEPLOY_LEADER_ADDRESS", LEADER_DNS,
            "MODELDEPLOY_GROUP_SIZE", "2", "MODELDEPLOY_NODE_RANK", "0");

    @Test
    void vllmLeaderScriptStartsARayHeadThenTheEngineWithTheContainerArgs() {
        ContainerLaunch launch = ContainerLaunch.parse("vllm/vllm-openai:v0.9.1",
                List.of("/bin/sh", "-c", LEADER_SCRIPT, "vllm-leader"),
                List.of("--model", "/models/x", "--served-model-name", "foo", "--host", "0.0.0.0", "--port", "8000",
                        "--tensor-parallel-size", "8", "--pipeline-parallel-size", "2",
                        "--distributed-executor-backend", "ray"), ENV);

        assertThat(launch.ray()).contains(new RayStart(true, 6379, Optional.empty()));
        EngineLaunch engine = launch.engine().orElseThrow();
        assertThat(engine.kind()).isEqualTo(EngineKind.VLLM);
        assertThat(engine.model()).isEqualTo("/models/x");
        assertThat(engine.servedNames()).containsExactly("foo");
        assertThat(engine.port()).isEqualTo(8000);
        assertThat(engine.tensorParallelSize()).isEqualTo(8);
        assertThat(engine.pipelineParallelSize()).isEqualTo(2);
        assertThat(engine.flag("distributed-executor-backend")).contains("ray");
        assertThat(engine.rawArgs()).as("\"$@\" is the words after $0, nothing else")
                .doesNotContain("vllm-leader").endsWith("--distributed-executor-backend", "ray");
    }

    @Test
    void vllmWorkerScriptOnlyJoinsTheRayHeadByItsDnsName() {
        ContainerLaunch launch = ContainerLaunch.parse("vllm/vllm-openai:v0.9.1",
                List.of("/bin/sh", "-c", WORKER_SCRIPT), List.of(), ENV);

        assertThat(launch.engine()).as("the worker runs no engine: its image entrypoint is replaced").isEmpty();
        assertThat(launch.ray()).contains(new RayStart(false, 6379, Optional.of(LEADER_DNS)));
    }

    @Test
    void sglangRanksCarryTheirDistributedFlags() {
        EngineLaunch launch = EngineLaunch.parse("lmsysorg/sglang:v0.4.9", List.of("python3", "-m", "sglang.launch_server"),
                List.of("--model-path", "/models/x", "--served-model-name", "foo", "--port", "30000", "--tp-size", "16",
                        "--dist-init-addr", LEADER_DNS + ":5000", "--nnodes", "2", "--node-rank", "1",
                        "--api-key", "k", "--enable-metrics"), Map.of()).orElseThrow();

        assertThat(launch.tensorParallelSize()).isEqualTo(16);
        assertThat(launch.flag("dist-init-addr")).contains(LEADER_DNS + ":5000");
        assertThat(launch.intFlag(1, "nnodes")).isEqualTo(2);
        assertThat(launch.intFlag(0, "node-rank")).isEqualTo(1);
    }

    @Test
    void dollarAtExpandsToOneWordPerArgumentAfterDollarZero() {
        List<String> positionals = List.of("name", "a b", "c");
        assertThat(ShellWords.split("run \"$@\" end", Map.of(), positionals)).containsExactly("run", "a b", "c", "end");
        assertThat(ShellWords.split("run $@", Map.of(), positionals)).containsExactly("run", "a b", "c");
        assertThat(ShellWords.split("run \"$@\" end", Map.of(), List.of("only-$0")))
                .as("without arguments \"$@\" is no word at all, not an empty one").containsExactly("run", "end");
        assertThat(ShellWords.split("echo $0 $1 $# $9", Map.of(), positionals)).containsExactly("echo", "name", "a b", "2", "");
    }

    @Test
    void newlineEndsACommandAndCommandSubstitutionStaysOneLiteralWord() {
        assertThat(ShellWords.split("a\nb", Map.of())).containsExactly("a", ";", "b");
        assertThat(ShellWords.split("x \"$(echo \"q)\" 'r)')\" -ge \"$N\"", Map.of("N", "2")))
                .containsExactly("x", "$(echo \"q)\" 'r)')", "-ge", "2");
    }

    @Test
    void envVariablesInTheScriptComeFromTheContainerEnv() {
        assertThat(ShellWords.split("join --address=\"$MODELDEPLOY_LEADER_ADDRESS:6379\"", ENV))
                .containsExactly("join", "--address=" + LEADER_DNS + ":6379");
    }
}
