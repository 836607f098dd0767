package io.modeldeploy.operator.engine.sglang;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.deployment.GroupMember;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.EngineArgs;
import io.modeldeploy.operator.engine.EngineLaunches;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SGLang: {@code sglang.launch_server} through {@link SglangLauncher} (the API key stays out of argv), port 30000,
 * metrics only with --enable-metrics.
 */
public final class Sglang implements Engine {
    /** torch.distributed's rendezvous port on rank 0 of a multi-node group. */
    public static final int DIST_INIT_PORT = 5000;
    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(\\..*)?");
    private static final int FIRST_RUNTIME_LORA_MAJOR = 0;
    private static final int FIRST_RUNTIME_LORA_MINOR = 5;

    @Override
    public Backend backend() {
        return Backend.SGLANG;
    }

    @Override
    public String defaultImageRepository() {
        return "docker.io/lmsysorg/sglang";
    }

    @Override
    public int defaultPort() {
        return 30000;
    }

    @Override
    public List<String> command() {
        return SglangLauncher.command();
    }

    @Override
    public EngineArgs operatorArgs(Inputs in) {
        return new EngineArgs()
                .set("--model-path", in.model())
                .set("--served-model-name", in.servedNames().get(0))
                .set("--host", "0.0.0.0")
                .set("--port", Integer.toString(defaultPort()))
                .set("--tp-size", Integer.toString(Math.max(1, in.tensorParallelSize())))
                .set("--enable-metrics");
    }

    /**
     * Every node runs the launcher with its own rank; tensor parallel spans all GPUs of the group. Ranks
     * above 0 serve only /health and /health_generate, so all members keep the same probes.
     */
    @Override
    public EngineArgs withGroup(EngineArgs args, GroupMember member, String leaderAddress, int gpusPerNode) {
        return args.set("--tp-size", Integer.toString(Math.max(1, gpusPerNode) * member.size()))
                .set("--dist-init-addr", leaderAddress + ":" + DIST_INIT_PORT)
                .set("--nnodes", Integer.toString(member.size()))
                .set("--node-rank", Integer.toString(member.rank()));
    }

    @Override
    public MemberLaunch memberLaunch(GroupMember member, EngineArgs args) {
        return new MemberLaunch(command(), args.toList(), true);
    }

    @Override
    public NamedPort rendezvousPort() {
        return new NamedPort("dist-init", DIST_INIT_PORT);
    }

    @Override
    public EngineArgs withLora(EngineArgs args, LoraRoom room) {
        return args.set("--enable-lora")
                .set("--max-lora-rank", Integer.toString(room.maxRank()))
                .set("--lora-target-modules", room.targetModules())
                .set("--max-loras-per-batch", Integer.toString(room.capacity()))
                .set("--max-loaded-loras", Integer.toString(room.capacity()));
    }

    /** SGLang takes the key only as a flag: {@link SglangLauncher} adds it from this variable inside the interpreter. */
    @Override
    public String apiKeyEnv() {
        return API_KEY_ENV;
    }

    /** A one-token generation: a true readiness check, open without the API key. */
    @Override
    public String readinessPath() {
        return "/health_generate";
    }

    @Override
    public String livenessPath() {
        return "/health";
    }

    @Override
    public boolean launches(Container container) {
        return EngineLaunches.mentions(container, "sglang");
    }

    /** SGLang's adapter routes sit at the root, without vLLM's /v1. */
    @Override
    public String adapterRoute(String route) {
        return route;
    }

    /** SGLang may answer 200 with {@code success: false}. */
    @Override
    public boolean refusedDespiteSuccess(JsonNode body) {
        return body != null && body.has("success") && !body.path("success").asBoolean(true);
    }

    /** SGLang names an adapter after the base it rides on. */
    @Override
    public String adapterModelName(String baseServedName, String adapter) {
        return baseServedName + ":" + adapter;
    }

    /** SGLang's own gauges (sglang/srt/metrics/collector.py); queued ones exceed --max-running-requests. */
    @Override
    public QueueMetrics queueMetrics() {
        return new QueueMetrics("sglang:num_running_reqs", "sglang:num_queue_reqs");
    }

    /**
     * {@link #withLora}'s flags exist from the 0.5 line on: SGLang 0.4's server_args.py declares only
     * --lora-paths, --max-loras-per-batch and --lora-backend (no --enable-lora, no run-time loading), and
     * --max-loaded-loras came with sgl-project/sglang#8650 (August 2025). An older engine exits at start with
     * "unrecognized arguments".
     */
    @Override
    public Optional<String> adaptersProblem(String backendVersion) {
        Matcher release = RELEASE.matcher(backendVersion == null ? "" : backendVersion);
        if (!release.matches()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(release.group(1));
        int minor = Integer.parseInt(release.group(2));
        if (major > FIRST_RUNTIME_LORA_MAJOR || major == FIRST_RUNTIME_LORA_MAJOR && minor >= FIRST_RUNTIME_LORA_MINOR) {
            return Optional.empty();
        }
        return Optional.of("SGLang loads adapters at run time from 0.5 on (--enable-lora, --max-loaded-loras);"
                + " backendVersion " + backendVersion + " would refuse those flags and exit at start");
    }

    @Override
    public Optional<String> servedNamesProblem(List<String> servedNames) {
        return servedNames.size() > 1 ? Optional.of("sglang serves exactly one name") : Optional.empty();
    }
}
