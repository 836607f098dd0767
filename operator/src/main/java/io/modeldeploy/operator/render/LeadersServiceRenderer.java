package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.modeldeploy.operator.deployment.GroupLabels;
import io.modeldeploy.operator.deployment.Names;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.Engines;

/**
 * The headless Service behind the leader pods' DNS names ({@code <pod>.<name>-leaders.<ns>.svc}). Not-ready
 * addresses are published: workers must reach a leader long before its engine is ready.
 */
public final class LeadersServiceRenderer {
    private LeadersServiceRenderer() {
    }

    public static Service render(ResolvedDeployment d) {
        Engine.NamedPort rendezvous = Engines.of(d.backend().orElseThrow()).rendezvousPort();
        return new ServiceBuilder()
                .withApiVersion("v1")
                .withKind("Service")
                .withMetadata(Owners.ownedMetadata(d.ref(), Names.leadersService(d.ref()), "inference"))
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(GroupLabels.leaderSelector(d.ref()))
                .addNewPort().withName(rendezvous.name()).withProtocol("TCP")
                .withPort(rendezvous.port()).withTargetPort(new IntOrString(rendezvous.port())).endPort()
                .endSpec()
                .build();
    }
}
