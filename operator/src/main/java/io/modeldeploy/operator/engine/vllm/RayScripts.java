package io.modeldeploy.operator.engine.vllm;

import io.modeldeploy.operator.deployment.GroupEnv;

import java.util.List;

/**
 * The shell around vLLM on a multi-node group: vLLM spans nodes through a Ray cluster that must exist,
 * with every node joined, before the engine starts (it places one worker per GPU at start and never again).
 * The variable parts come from env ({@link GroupEnv}), so the scripts are constants.
 */
public final class RayScripts {
    static final String LEADER_ARGV0 = "vllm-leader";

    /**
     * Starts the Ray head, waits until the whole group has joined, then replaces the shell with vLLM
     * ({@code "$@"}: the engine flags given as the container's args).
     */
    public static final String LEADER = String.join("\n",
            "ray start --head --port=" + Vllm.RAY_PORT + " --disable-usage-stats || exit 1",
            "until [ \"$(python3 -c 'import ray; ray.init(address=\"auto\"); print(sum(1 for n in ray.nodes() if n[\"Alive\"]))' 2>/dev/null)\" -ge \"$"
                    + GroupEnv.GROUP_SIZE + "\" ] 2>/dev/null; do sleep 5; done",
            "exec python3 -m vllm.entrypoints.openai.api_server \"$@\"");

    /**
     * Joins the leader's Ray head and stays in the foreground. The leader's name resolves only once its
     * pod exists, so joining is retried rather than failing the container (a restarted container would
     * restart the whole group).
     */
    public static final String WORKER = "until ray start --address=\"$" + GroupEnv.LEADER_ADDRESS + ":" + Vllm.RAY_PORT
            + "\" --disable-usage-stats --block; do sleep 5; done";

    private RayScripts() {
    }

    static List<String> leaderCommand() {
        return List.of("/bin/sh", "-c", LEADER, LEADER_ARGV0);
    }

    static List<String> workerCommand() {
        return List.of("/bin/sh", "-c", WORKER);
    }
}
