package io.modeldeploy.operator.engine.vllm;

import io.fabric8.kubernetes.api.model.Container;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.deployment.GroupMember;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.EngineArgs;
import io.modeldeploy.operator.engine.EngineLaunches;

import java.util.List;
import java.util.Map;

/** vLLM's OpenAI server: {@code python3 -m vllm.entrypoints.openai.api_server}, port 8000. */
public final class Vllm implements Engine {
    /** Ray's GCS port on the leader of a multi-node group. */
    public static final int RAY_PORT = 6379;

    @Override
    public Backend backend() {
        return Backend.VLLM;
    }

    @Override
    public String defaultImageRepository() {
        return "docker.io/vllm/vllm-openai";
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
    public NamedPort rendezvousPort() {
        return new NamedPort("ray", RAY_PORT);
    }

    @Override
    public EngineArgs withLora(EngineArgs args, LoraRoom room) {
        return args.set("--enable-lora")
                .set("--max-loras", Integer.toString(room.capacity()))
                .set("--max-cpu-loras", Integer.toString(room.capacity()))
                .set("--max-lora-rank", Integer.toString(room.maxRank()));
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

    @Override
    public boolean launches(Container container) {
        return EngineLaunches.mentions(container, "vllm");
    }

    /** vLLM's adapter routes live under /v1. */
    @Override
    public String adapterRoute(String route) {
        return "/v1" + route;
    }

    /** vLLM serves each adapter under its own name. */
    @Override
    public String adapterModelName(String baseServedName, String adapter) {
        return adapter;
    }

    /** vLLM's own gauges (vllm/v1/metrics/loggers.py); waiting ones exceed --max-num-seqs. */
    @Override
    public QueueMetrics queueMetrics() {
        return new QueueMetrics("vllm:num_requests_running", "vllm:num_requests_waiting");
    }
}
