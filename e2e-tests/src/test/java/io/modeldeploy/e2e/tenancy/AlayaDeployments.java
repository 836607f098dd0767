package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.support.Manifests;

/** The small Alaya NeW quickStart the tenancy suites point at a (simulated) endpoint of their choice. */
public final class AlayaDeployments {
    private AlayaDeployments() {
    }

    public static GenericKubernetesResource onAlaya(String name, String endpoint, String credentials) {
        return Manifests.quickStart(name, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.9.0.1",
                "{cpu: \"4\", memory: 16Gi, gpu: {type: L40S, count: 1}}", """
                        target:
                          provider: AlayaNeW
                          endpoint: %s
                          credentialsSecretRef: {name: %s}
                          alayaNew: {vksId: vks-it, namespace: it}
                        """.formatted(endpoint, credentials));
    }
}
