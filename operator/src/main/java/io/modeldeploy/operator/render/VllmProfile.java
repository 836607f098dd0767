package io.modeldeploy.operator.render;


import java.util.List;
import java.util.Map;

/** vLLM's OpenAI server: {@code python3 -m vllm.entrypoints.openai.api_server}, port 8000. */
final class VllmProfile implements EngineProfile {

    @Override
    public String imageRepository(RenderSettings settings) {
        return settings.vllmRepository();
    }

    @Override
    public int defaultPort() {
        return 8000;
    }

    /** The module form accepts {@code --model} on every vLLM version, unlike {@code vllm serve}'s positional. */
    @Override
    public List<String> command() {
        return List.of("python3", "-m", "vllm.entrypoints.openai.api_server");
    }

    @Override
    public EngineArgs operatorArgs(Inputs in) {
        return new EngineArgs()
                .set("--model", in.model())
                .set("--served-model-name", in.servedNames())
                .set("--host", "0.0.0.0")
                .set("--port", Integer.toString(defaultPort()))
                .set("--tensor-parallel-size", Integer.toString(Math.max(1, in.tensorParallelSize())));
    }

    /**
     * The leader runs vLLM over the group's Ray cluster: tensor parallel inside a node, pipeline parallel
     * across the nodes (NVLink within, the slower network between). Workers only host Ray.
     */
    @Override
    public EngineArgs withGroup(EngineArgs args, GroupMember member, String leaderAddress, int gpusPerNode) {
        return args.set("--tensor-parallel-size", Integer.toString(Math.max(1, gpusPerNode)))
                .set("--pipeline-parallel-size", Integer.toString(member.size()))
                .set("--distributed-executor-backend", "ray");
    }

    @Override
    public MemberLaunch memberLaunch(GroupMember member, EngineArgs args) {
        return member.isLeader()
                ? new MemberLaunch(RayScripts.leaderCommand(), args.toList(), true)
                : new MemberLaunch(RayScripts.workerCommand(), List.of(), false);
    }

    @Override
    public EngineArgs withLora(EngineArgs args, int capacity, RenderSettings.LoraSettings lora) {
        return args.set("--enable-lora")
                .set("--max-loras", Integer.toString(capacity))
                .set("--max-cpu-loras", Integer.toString(capacity))
                .set("--max-lora-rank", Integer.toString(lora.maxLoraRank()));
    }

    /** Without it vLLM has no load/unload routes at all (404). */
    @Override
    public Map<String, String> loraEnv() {
        return Map.of("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "True");
    }

    /** vLLM reads its key from this variable, which keeps the key out of the process command line too. */
    @Override
    public String apiKeyEnv() {
        return "VLLM_API_KEY";
    }

    @Override
    public String readinessPath() {
        return "/health";
    }

    @Override
    public String livenessPath() {
        return "/health";
    }
}
