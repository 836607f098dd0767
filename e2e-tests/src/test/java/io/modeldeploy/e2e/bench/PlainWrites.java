package io.modeldeploy.e2e.bench;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;

/**
 * What a plain Fabric8 client writes to run one model without the operator: the API-key Secret, a Deployment of the
 * same engine image, GPU request, node selector and toleration, and its Service. Three POSTs.
 */
record PlainWrites(KubernetesClient client, String namespace) {

    void create(String name) {
        Map<String, String> labels = Map.of("app", name);
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name + "-api-key")
                .endMetadata().withStringData(Map.of("apiKey", "bench-" + name)).build()).create();
        client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                .withNodeSelector(Map.of("nvidia.com/gpu.product", ScaleBench.GPU_PRODUCT))
                .addNewToleration().withKey("nvidia.com/gpu").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .addNewContainer().withName("engine").withImage("vllm/vllm-openai:v0.8.4")
                .withArgs("--model", ScaleBench.MODEL, "--port", "8000")
                .addNewEnv().withName("VLLM_API_KEY").withNewValueFrom().withNewSecretKeyRef()
                .withName(name + "-api-key").withKey("apiKey").endSecretKeyRef().endValueFrom().endEnv()
                .addNewPort().withName("http").withContainerPort(8000).endPort()
                .withNewResources().withRequests(Map.of("cpu", new Quantity("1"), "memory", new Quantity("4Gi"),
                        "nvidia.com/gpu", new Quantity("1")))
                .withLimits(Map.of("nvidia.com/gpu", new Quantity("1"))).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.services().inNamespace(namespace).resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSelector(labels).addNewPort().withName("http").withPort(8000)
                .withTargetPort(new IntOrString("http")).endPort().endSpec().build()).create();
    }
}
