package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headless Service behind the leader pods' DNS names ({@code <pod>.<name>-leaders.<ns>.svc}). Not-ready
 * addresses are published: workers must reach a leader long before its engine is ready.
 */
public final class LeadersServiceRenderer {
    private LeadersServiceRenderer() {
    }

    public static Service render(ModelDeployment md) {
        boolean vllm = md.getSpec().getQuickStart().getBackend() == Backend.VLLM;
        int port = vllm ? MultiNode.RAY_PORT : MultiNode.SGLANG_DIST_PORT;
        return new ServiceBuilder()
                .withApiVersion("v1")
                .withKind("Service")
                .withMetadata(Owners.ownedMetadata(md, MultiNode.leadersServiceName(md), "inference"))
                .withNewSpec()
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(leaderSelector(md))
                .addNewPort().withName(vllm ? "ray" : "dist-init").withProtocol("TCP")
                .withPort(port).withTargetPort(new IntOrString(port)).endPort()
                .endSpec()
                .build();
    }

    /** The leader pods of every group of the deployment: the only pods that serve clients. */
    public static Map<String, String> leaderSelector(ModelDeployment md) {
        Map<String, String> selector = new LinkedHashMap<>(Labels.selector(md));
        selector.put(MultiNode.ROLE, MultiNode.LEADER);
        return selector;
    }
}
