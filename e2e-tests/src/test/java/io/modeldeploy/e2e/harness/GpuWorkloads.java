package io.modeldeploy.e2e.harness;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.List;
import java.util.Map;

/** Hand-written GPU workloads for the harness tests (the operator renders its own; these test the harness). */
final class GpuWorkloads {
    private GpuWorkloads() {
    }

    /** A vLLM Deployment asking for {@code gpus} GPUs of one product, its key from Secret {@code keySecret}. */
    static Deployment vllm(String name, String gpuProduct, int gpus, String keySecret, Map<String, String> podAnnotations) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate()
                .withNewMetadata().addToLabels("app", name).withAnnotations(podAnnotations).endMetadata()
                .withNewSpec()
                .withNodeSelector(Map.of("nvidia.com/gpu.product", gpuProduct))
                .addNewToleration().withKey("nvidia.com/gpu").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .addNewContainer()
                .withName("engine")
                .withImage("vllm/vllm-openai:v0.8.4")
                .withArgs(List.of("--model", "Qwen/Qwen2.5-7B-Instruct", "--served-model-name", name,
                        "--port", "8000", "--tensor-parallel-size", Integer.toString(gpus), "--enable-lora"))
                .addNewEnv().withName("VLLM_API_KEY").withNewValueFrom()
                .withNewSecretKeyRef().withName(keySecret).withKey("apiKey").endSecretKeyRef()
                .endValueFrom().endEnv()
                .addNewEnv().withName("VLLM_ALLOW_RUNTIME_LORA_UPDATING").withValue("True").endEnv()
                .addNewPort().withName("http").withContainerPort(8000).endPort()
                .withNewResources()
                .addToLimits("nvidia.com/gpu", new Quantity(Integer.toString(gpus)))
                .addToRequests("cpu", new Quantity("2")).addToRequests("memory", new Quantity("8Gi"))
                .endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/health").withPort(new IntOrString("http"))
                .endHttpGet().withPeriodSeconds(2).endReadinessProbe()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** Whether the (SIMULATED) kubelet reports the pod Ready. */
    static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }
}
