package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may reach a deployment's pods, on which port. */
class NetworkPolicyRendererTest {
    private static final NetworkPolicySettings.Peer OPERATOR =
            new NetworkPolicySettings.Peer("modeldeploy-system", Map.of("app.kubernetes.io/name", "modeldeploy-operator"));
    private static final NetworkPolicySettings.Peer GATEWAY =
            new NetworkPolicySettings.Peer("gateway", Map.of("app", "gateway"));
    private static final RenderSettings IN_CLUSTER = Fixtures.settings()
            .withNetworkPolicy(new NetworkPolicySettings(true, Optional.of(OPERATOR), Optional.of(GATEWAY)));

    private static NetworkPolicy render(ModelDeployment md, RenderSettings settings) {
        return NetworkPolicyRenderer.render(Fixtures.resolve(md), settings).orElseThrow();
    }

    private static ModelDeployment multiNode(ModelDeployment md) {
        md.getSpec().getQuickStart().getResources().setWorkers(2);
        md.getSpec().getQuickStart().getResources().getGpu().setCount(1);
        return md;
    }

    /** The rules that admit traffic on {@code port} (a rule without ports admits every port). */
    private static List<NetworkPolicyIngressRule> rulesAdmitting(NetworkPolicy policy, int port) {
        return policy.getSpec().getIngress().stream()
                .filter(r -> r.getPorts() == null || r.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == port))
                .toList();
    }

    private static boolean admitsOtherPodsOfTheNamespace(List<NetworkPolicyIngressRule> rules) {
        return rules.stream().flatMap(r -> r.getFrom().stream()).anyMatch(p -> p.getNamespaceSelector() == null
                && p.getPodSelector() != null
                && (p.getPodSelector().getMatchLabels() == null || p.getPodSelector().getMatchLabels().isEmpty()));
    }

    private static boolean admits(List<NetworkPolicyIngressRule> rules, NetworkPolicySettings.Peer peer) {
        return rules.stream().flatMap(r -> r.getFrom().stream()).anyMatch(p -> isPeer(p, peer));
    }

    private static boolean isPeer(NetworkPolicyPeer p, NetworkPolicySettings.Peer peer) {
        return p.getNamespaceSelector() != null
                && Map.of(NetworkPolicyRenderer.NAMESPACE_NAME_LABEL, peer.namespace()).equals(p.getNamespaceSelector().getMatchLabels())
                && peer.podLabels().equals(p.getPodSelector().getMatchLabels());
    }

    @Test
    void selectsTheDeploymentsPodsIsOwnedByItAndLimitsIngressOnly() {
        NetworkPolicy policy = render(Fixtures.vllmQuickStart(), IN_CLUSTER);

        assertThat(policy.getApiVersion()).isEqualTo("networking.k8s.io/v1");
        assertThat(policy.getMetadata().getName()).isEqualTo("qwen-chat");
        assertThat(policy.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getController()).isTrue());
        assertThat(policy.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "modeldeploy-operator");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("modeldeploy.io/deployment", "qwen-chat"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
    }

    @Test
    void theServingPortIsOpenToTheNamespaceTheGatewayAndTheOperator() {
        ResolvedDeployment d = Fixtures.resolve(Fixtures.vllmQuickStart());
        List<NetworkPolicyIngressRule> serving = rulesAdmitting(render(Fixtures.vllmQuickStart(), IN_CLUSTER), d.enginePort());

        assertThat(admitsOtherPodsOfTheNamespace(serving)).isTrue();
        assertThat(admits(serving, GATEWAY)).isTrue();
        assertThat(admits(serving, OPERATOR)).isTrue();
    }

    @Test
    void raysHeadAndSglangsRendezvousAreOpenOnlyToTheDeploymentsOwnPods() {
        for (ModelDeployment md : List.of(multiNode(Fixtures.vllmQuickStart()), multiNode(Fixtures.sglangQuickStart()))) {
            NetworkPolicy policy = render(md, IN_CLUSTER);
            for (int port : List.of(6379, 5000, 8265, 10001)) {
                List<NetworkPolicyIngressRule> rules = rulesAdmitting(policy, port);
                assertThat(rules).as("port " + port).isNotEmpty();
                assertThat(rules.stream().flatMap(r -> r.getFrom().stream())).as("port " + port)
                        .allSatisfy(p -> {
                            assertThat(p.getNamespaceSelector()).isNull();
                            assertThat(p.getPodSelector().getMatchLabels()).isEqualTo(Map.of("modeldeploy.io/deployment", "qwen-chat"));
                        });
            }
        }
    }

    @Test
    void theAdapterSyncPortIsOpenToOwnPodsAndTheOperatorButNotTheNamespaceOrGateway() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().setAdapters(Fixtures.adapters("sql"));
        List<NetworkPolicyIngressRule> sync = rulesAdmitting(render(md, IN_CLUSTER), 8001);

        assertThat(admits(sync, OPERATOR)).isTrue();
        assertThat(admits(sync, GATEWAY)).isFalse();
        assertThat(admitsOtherPodsOfTheNamespace(sync)).isFalse();
    }

    @Test
    void anExpertDeploymentIsServedOnItsOwnPort() {
        ResolvedDeployment d = Fixtures.resolve(Fixtures.expert());
        NetworkPolicy policy = NetworkPolicyRenderer.render(d, IN_CLUSTER).orElseThrow();

        assertThat(admitsOtherPodsOfTheNamespace(rulesAdmitting(policy, d.enginePort()))).isTrue();
    }

    @Test
    void withoutAKnownOperatorNamespaceOnlyTheNamespaceAndOwnPodsAreAdmitted() {
        NetworkPolicy policy = render(Fixtures.vllmQuickStart(), Fixtures.settings());

        assertThat(policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()))
                .allSatisfy(p -> assertThat(p.getNamespaceSelector()).isNull());
    }

    @Test
    void turnedOffRendersNothing() {
        RenderSettings off = Fixtures.settings().withNetworkPolicy(new NetworkPolicySettings(false, Optional.of(OPERATOR),
                Optional.of(GATEWAY)));

        assertThat(NetworkPolicyRenderer.render(Fixtures.resolve(Fixtures.vllmQuickStart()), off)).isEmpty();
    }

    @Test
    void podSelectorsAreReadAsKeyValueLists() {
        assertThat(NetworkPolicySettings.labels(Optional.of("app.kubernetes.io/name=gw, tier=edge")))
                .isEqualTo(Map.of("app.kubernetes.io/name", "gw", "tier", "edge"));
        assertThat(NetworkPolicySettings.labels(Optional.empty())).isEmpty();
    }
}
