package io.modeldeploy.sim.testing;

/**
 * The shell scripts the operator renders for a multi-node vLLM group ({@code engine/vllm/RayScripts} in the
 * operator), as text the SIMULATED kubelet must run: hand-written workloads and simulator tests use this
 * one copy; MultiNodeIT proves the operator's own rendering runs in the simulator too.
 */
public final class MultiNodeContract {
    public static final String LEADER_SCRIPT = """
            ray start --head --port=6379 --disable-usage-stats || exit 1
            until [ "$(python3 -c 'import ray; ray.init(address="auto"); print(sum(1 for n in ray.nodes() if n["Alive"]))' 2>/dev/null)" -ge "$MODELDEPLOY_GROUP_SIZE" ] 2>/dev/null; do sleep 5; done
            exec python3 -m vllm.entrypoints.openai.api_server "$@\"""";
    public static final String WORKER_SCRIPT =
            "until ray start --address=\"$MODELDEPLOY_LEADER_ADDRESS:6379\" --disable-usage-stats --block; do sleep 5; done";

    private MultiNodeContract() {
    }
}
