package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.modeldeploy.operator.deployment.GroupLabels;
import io.modeldeploy.operator.deployment.Labels;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

/** The ClusterIP Service clients call: port 8000 named {@code http}, whatever port the engine listens on. */
public final class ServiceRenderer {
    private ServiceRenderer() {
    }

    public static Service render(ResolvedDeployment d) {
        return new ServiceBuilder()
                .withApiVersion("v1")
                .withKind("Service")
                .withMetadata(Owners.ownedMetadata(d.ref(), d.name(), "inference"))
                .withNewSpec()
                .withType("ClusterIP")
                // Multi-node: only leaders answer the OpenAI API.
                .withSelector(d.multiNode() ? GroupLabels.leaderSelector(d.ref()) : Labels.selector(d.ref()))
                .addNewPort().withName("http").withProtocol("TCP").withPort(ResolvedDeployment.SERVICE_PORT)
                .withTargetPort(new IntOrString(d.enginePort())).endPort()
                .endSpec()
                .build();
    }
}
