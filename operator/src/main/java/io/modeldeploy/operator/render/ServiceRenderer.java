package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

/** The ClusterIP Service clients call: port 8000 named {@code http}, whatever port the engine listens on. */
public final class ServiceRenderer {
    private ServiceRenderer() {
    }

    public static Service render(ModelDeployment md, int enginePort) {
        return new ServiceBuilder()
                .withApiVersion("v1")
                .withKind("Service")
                .withMetadata(Owners.ownedMetadata(md, md.getMetadata().getName(), "inference"))
                .withNewSpec()
                .withType("ClusterIP")
                // Multi-node: only leaders answer the OpenAI API.
                .withSelector(MultiNode.enabled(md) ? LeadersServiceRenderer.leaderSelector(md) : Labels.selector(md))
                .addNewPort().withName("http").withProtocol("TCP").withPort(ModelDeployments.SERVICE_PORT)
                .withTargetPort(new IntOrString(enginePort)).endPort()
                .endSpec()
                .build();
    }
}
