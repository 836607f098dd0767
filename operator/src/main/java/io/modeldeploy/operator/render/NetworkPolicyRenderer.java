package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.modeldeploy.operator.deployment.Labels;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may connect to a deployment's pods. The serving port is open to the deployment's namespace, the gateway
 * and the operator. Every other port is open only to the deployment's own pods: Ray's head (6379, which runs
 * whatever code reaches it) and the ports Ray picks at random between its nodes, SGLang's rendezvous, the
 * adapter-sync sidecar; the operator may also reach the sidecar, whose status it reads. Egress is left alone:
 * engines download weights from wherever the model lives.
 */
public final class NetworkPolicyRenderer {
    /** Set on every namespace by API servers from 1.21 on (older ones: the cluster admin sets it). */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private NetworkPolicyRenderer() {
    }

    /** The policy of a deployment that runs pods in this cluster; empty when the installation turned policies off. */
    public static Optional<NetworkPolicy> render(ResolvedDeployment d, RenderSettings settings) {
        NetworkPolicySettings config = settings.networkPolicy();
        if (!config.enabled()) {
            return Optional.empty();
        }
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        rules.add(rule(List.of(port(d.enginePort())), servingPeers(config)));
        rules.add(rule(List.of(), List.of(ownPods(d))));
        if (d.loraEnabled() && config.operator().isPresent()) {
            rules.add(rule(List.of(port(settings.lora().syncPort())), List.of(peer(config.operator().get()))));
        }
        return Optional.of(new NetworkPolicyBuilder()
                .withApiVersion("networking.k8s.io/v1")
                .withKind("NetworkPolicy")
                .withMetadata(Owners.ownedMetadata(d.ref(), d.name(), "network-policy"))
                .withNewSpec()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(d.ref())).build())
                .withPolicyTypes("Ingress")
                .withIngress(rules)
                .endSpec()
                .build());
    }

    /** Any pod of the deployment's namespace, and the gateway and operator wherever they run. */
    private static List<NetworkPolicyPeer> servingPeers(NetworkPolicySettings config) {
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        peers.add(new NetworkPolicyPeerBuilder().withPodSelector(new LabelSelector()).build());
        config.gateway().ifPresent(g -> peers.add(peer(g)));
        config.operator().filter(o -> !config.gateway().equals(Optional.of(o))).ifPresent(o -> peers.add(peer(o)));
        return peers;
    }

    private static NetworkPolicyPeer ownPods(ResolvedDeployment d) {
        return new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Labels.selector(d.ref())).build())
                .build();
    }

    private static NetworkPolicyPeer peer(NetworkPolicySettings.Peer peer) {
        return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, peer.namespace())).build())
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(peer.podLabels()).build())
                .build();
    }

    /** No ports: every port. */
    private static NetworkPolicyIngressRule rule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> from) {
        return new NetworkPolicyIngressRuleBuilder().withPorts(ports.isEmpty() ? null : ports).withFrom(from).build();
    }

    private static NetworkPolicyPort port(int port) {
        return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
    }
}
