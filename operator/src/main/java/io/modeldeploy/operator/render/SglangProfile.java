package io.modeldeploy.operator.render;


import java.util.List;

/** SGLang: {@code python3 -m sglang.launch_server}, port 30000, metrics only with --enable-metrics. */
final class SglangProfile implements EngineProfile {

    @Override
    public String imageRepository(RenderSettings settings) {
        return settings.sglangRepository();
    }

    @Override
    public int defaultPort() {
        return 30000;
    }

    @Override
    public List<String> command() {
        return List.of("python3", "-m", "sglang.launch_server");
    }

    @Override
    public EngineArgs operatorArgs(Inputs in) {
        return new EngineArgs()
                .set("--model-path", in.model())
                .set("--served-model-name", in.servedNames().get(0))
                .set("--host", "0.0.0.0")
                .set("--port", Integer.toString(defaultPort()))
                .set("--tp-size", Integer.toString(Math.max(1, in.tensorParallelSize())))
                .set("--api-key", "$(" + API_KEY_ENV + ")")
                .set("--enable-metrics");
    }

    /**
     * Every node runs the launcher with its own rank; tensor parallel spans all GPUs of the group. Ranks
     * above 0 serve only /health and /health_generate, so all members keep the same probes.
     */
    @Override
    public EngineArgs withGroup(EngineArgs args, GroupMember member, String leaderAddress, int gpusPerNode) {
        return args.set("--tp-size", Integer.toString(Math.max(1, gpusPerNode) * member.size()))
                .set("--dist-init-addr", leaderAddress + ":" + MultiNode.SGLANG_DIST_PORT)
                .set("--nnodes", Integer.toString(member.size()))
                .set("--node-rank", Integer.toString(member.rank()));
    }

    @Override
    public MemberLaunch memberLaunch(GroupMember member, EngineArgs args) {
        return new MemberLaunch(command(), args.toList(), true);
    }

    @Override
    public EngineArgs withLora(EngineArgs args, int capacity, RenderSettings.LoraSettings lora) {
        return args.set("--enable-lora")
                .set("--max-lora-rank", Integer.toString(lora.maxLoraRank()))
                .set("--lora-target-modules", lora.sglangTargetModules())
                .set("--max-loras-per-batch", Integer.toString(capacity))
                .set("--max-loaded-loras", Integer.toString(capacity));
    }

    /** SGLang takes the key only as a flag: the kubelet expands the $(VAR) reference at start. */
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
}
