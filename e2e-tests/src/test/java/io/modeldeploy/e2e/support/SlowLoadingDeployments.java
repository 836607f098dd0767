package io.modeldeploy.e2e.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.sim.node.SimAnnotations;

import java.time.Duration;

/**
 * Expert deployments whose SIMULATED engine takes a while to load its weights and whose pods are Ready only once it
 * has: the window in which a gateway holds requests for a deployment with no ready instance.
 */
public final class SlowLoadingDeployments {
    private SlowLoadingDeployments() {
    }

    /** @param autoscaling the {@code spec.autoscaling} object, e.g. {@code {maxReplicas: 1}} */
    public static GenericKubernetesResource expert(String name, Duration load, String autoscaling) {
        return Manifests.modelDeployment(name, """
                model: {id: Qwen/Qwen2.5-0.5B-Instruct, servedNames: [%1$s]}
                replicas: 1
                autoscaling: %4$s
                expert:
                  port: 8000
                  template:
                    metadata:
                      annotations: {%2$s: "%3$d"}
                    spec:
                      nodeSelector: {nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3}
                      tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
                      containers:
                        - name: server
                          image: vllm/vllm-openai:v0.8.4
                          command: ["vllm", "serve", "Qwen/Qwen2.5-0.5B-Instruct"]
                          args: ["--served-model-name", "%1$s", "--port", "8000", "--api-key", "$(MODELDEPLOY_API_KEY)"]
                          ports: [{name: http, containerPort: 8000}]
                          # Ready once the weights are loaded (without a probe, a pod is Ready as soon as it runs).
                          readinessProbe: {httpGet: {path: /health, port: 8000}, periodSeconds: 1}
                          resources: {limits: {nvidia.com/gpu: "1"}}
                """.formatted(name, SimAnnotations.ENGINE_LOAD_DELAY_MS, load.toMillis(), autoscaling));
    }
}
