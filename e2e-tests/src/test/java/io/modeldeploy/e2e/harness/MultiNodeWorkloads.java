package io.modeldeploy.e2e.harness;

import io.modeldeploy.sim.testing.MultiNodeContract;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hand-written multi-node groups following the operator's contract (leader rank 0 plus workers, one pod per
 * node, {@code spec.hostname}/{@code spec.subdomain} under a headless {@code <md>-leaders} Service, the
 * MODELDEPLOY_* env), for testing the harness; the operator renders its own.
 */
final class MultiNodeWorkloads {
    static final String GPU_PRODUCT = "NVIDIA-A100-SXM4-80GB";
    static final int GPUS = 8;
    static final String LEADER_SCRIPT = MultiNodeContract.LEADER_SCRIPT;
    static final String WORKER_SCRIPT = MultiNodeContract.WORKER_SCRIPT;

    private MultiNodeWorkloads() {
    }

    /** The headless Service selecting the group's leaders, published before they are Ready. */
    static Service leadersService(String md) {
        return new ServiceBuilder().withNewMetadata().withName(md + "-leaders").endMetadata()
                .withNewSpec().withClusterIP("None").withPublishNotReadyAddresses(true)
                .withSelector(Map.of("app", md, "role", "leader")).endSpec().build();
    }

    static String leaderPod(String md) {
        return md + "-0";
    }

    static String workerPod(String md, int rank) {
        return md + "-0-" + rank;
    }

    static String leaderAddress(String md, String namespace) {
        return leaderPod(md) + "." + md + "-leaders." + namespace + ".svc";
    }

    /** Rank {@code rank} of a vLLM-over-Ray group of {@code size} pods, TP 8 x PP size. */
    static Pod vllm(String md, String namespace, int rank, int size, String keySecret) {
        ContainerBuilder engine = new ContainerBuilder().withName("engine").withImage("vllm/vllm-openai:v0.9.1")
                .withEnv(groupEnv(md, namespace, rank, size))
                .addToEnv(secretEnv("VLLM_API_KEY", keySecret))
                .withNewResources().addToLimits("nvidia.com/gpu", new Quantity(Integer.toString(GPUS))).endResources();
        if (rank == 0) {
            engine.withCommand("/bin/sh", "-c", LEADER_SCRIPT, "vllm-leader")
                    .withArgs("--model", "/models/x", "--served-model-name", md, "--host", "0.0.0.0", "--port", "8000",
                            "--tensor-parallel-size", Integer.toString(GPUS), "--pipeline-parallel-size",
                            Integer.toString(size), "--distributed-executor-backend", "ray")
                    .addNewPort().withName("http").withContainerPort(8000).endPort()
                    .withStartupProbe(probe("/health", 8000, 600))
                    .withLivenessProbe(probe("/health", 8000, 3))
                    .withReadinessProbe(probe("/health", 8000, 1));
        } else {
            engine.withCommand("/bin/sh", "-c", WORKER_SCRIPT);
        }
        return pod(md, rank, engine.build());
    }

    /** Rank {@code rank} of an SGLang group of {@code size} pods; every rank has the same probes. */
    static Pod sglang(String md, String namespace, int rank, int size, String keySecret) {
        Container engine = new ContainerBuilder().withName("engine").withImage("lmsysorg/sglang:v0.4.9")
                .withCommand("python3", "-m", "sglang.launch_server")
                .withArgs("--model-path", "/models/x", "--served-model-name", md, "--host", "0.0.0.0", "--port", "30000",
                        "--tp-size", Integer.toString(GPUS * size),
                        "--dist-init-addr", leaderAddress(md, namespace) + ":5000",
                        "--nnodes", Integer.toString(size), "--node-rank", Integer.toString(rank),
                        "--api-key", "$(MODELDEPLOY_API_KEY)", "--enable-metrics")
                .withEnv(groupEnv(md, namespace, rank, size))
                .addToEnv(secretEnv("MODELDEPLOY_API_KEY", keySecret))
                .addNewPort().withName("http").withContainerPort(30000).endPort()
                .withNewResources().addToLimits("nvidia.com/gpu", new Quantity(Integer.toString(GPUS))).endResources()
                .withStartupProbe(probe("/health", 30000, 600))
                .withLivenessProbe(probe("/health", 30000, 3))
                .withReadinessProbe(probe("/health_generate", 30000, 1))
                .build();
        return pod(md, rank, engine);
    }

    private static Pod pod(String md, int rank, Container engine) {
        String name = rank == 0 ? leaderPod(md) : workerPod(md, rank);
        return new PodBuilder()
                .withNewMetadata().withName(name)
                .withLabels(Map.of("app", md, "role", rank == 0 ? "leader" : "worker", "group", md + "-0"))
                .endMetadata()
                .withNewSpec()
                .withHostname(name)
                .withSubdomain(md + "-leaders")
                .withNodeSelector(Map.of("nvidia.com/gpu.product", GPU_PRODUCT))
                .addNewToleration().withKey("nvidia.com/gpu").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .withNewAffinity().withNewPodAntiAffinity()
                .addNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNewLabelSelector().addToMatchLabels("group", md + "-0").endLabelSelector()
                .withTopologyKey("kubernetes.io/hostname")
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity().endAffinity()
                .withContainers(engine)
                .endSpec()
                .build();
    }

    private static List<EnvVar> groupEnv(String md, String namespace, int rank, int size) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder().withName("MODELDEPLOY_LEADER_ADDRESS").withValue(leaderAddress(md, namespace)).build());
        env.add(new EnvVarBuilder().withName("MODELDEPLOY_GROUP_SIZE").withValue(Integer.toString(size)).build());
        env.add(new EnvVarBuilder().withName("MODELDEPLOY_NODE_RANK").withValue(Integer.toString(rank)).build());
        return env;
    }

    private static EnvVar secretEnv(String name, String secret) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret)
                .withKey("apiKey").endSecretKeyRef().endValueFrom().build();
    }

    /** Periods of 10 s (1 s at the simulator's time scale). */
    private static Probe probe(String path, int port, int failureThreshold) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(port)).endHttpGet()
                .withPeriodSeconds(10).withFailureThreshold(failureThreshold).build();
    }
}
