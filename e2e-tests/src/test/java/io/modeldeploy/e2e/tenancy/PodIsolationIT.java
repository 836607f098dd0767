package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a deployment's pods are open to, on the REAL API server with the packaged operator (tenancy.md "Pods a
 * tenant can get"). The harness has no network plugin: these tests show the NetworkPolicy objects the API server
 * accepted and which pods they select; enforcing them is the cluster's CNI's job.
 */
class PodIsolationIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("isolation");

    /** No credential or key of the run in the operator log, an Event or a status; nothing next door changed. */
    @RegisterExtension
    static final TenantWatch watch = new TenantWatch(ns);

    private static NetworkPolicy policy(String name) {
        return Await.until("NetworkPolicy " + name, TIMEOUT, () ->
                ns.client().network().v1().networkPolicies().inNamespace(ns.name()).withName(name).get());
    }

    private static List<Pod> podsSelectedBy(NetworkPolicy policy) {
        return ns.client().pods().inNamespace(ns.name())
                .withLabels(policy.getSpec().getPodSelector().getMatchLabels()).list().getItems();
    }

    private static boolean admitsPort(NetworkPolicyIngressRule rule, int port) {
        return rule.getPorts() == null || rule.getPorts().isEmpty()
                || rule.getPorts().stream().anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() == port);
    }

    private static boolean isWholeNamespace(NetworkPolicyPeer peer) {
        return peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                && (peer.getPodSelector().getMatchLabels() == null || peer.getPodSelector().getMatchLabels().isEmpty())
                && (peer.getPodSelector().getMatchExpressions() == null || peer.getPodSelector().getMatchExpressions().isEmpty());
    }

    @Test
    void aQuickStartDeploymentGetsAnOwnedNetworkPolicyThatKeepsItsInternalPortsToItsOwnPods() {
        ns.applySample("quickstart-vllm.yaml");
        ModelDeploymentView md = ns.awaitPhase("qwen-chat", "Running");
        GenericKubernetesResource live = ns.mds().withName("qwen-chat").get();

        NetworkPolicy policy = policy("qwen-chat");

        assertThat(policy.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getUid()).isEqualTo(live.getMetadata().getUid());
            assertThat(o.getController()).isTrue();
        });
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        // It selects exactly the deployment's pods, which the API server and its controllers made.
        assertThat(podsSelectedBy(policy)).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(md.instances().stream().map(i -> (String) i.get("instanceId")).toList());
        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        // The serving port: any pod of the namespace.
        assertThat(rules).filteredOn(r -> admitsPort(r, 8000))
                .anySatisfy(r -> assertThat(r.getFrom()).anyMatch(PodIsolationIT::isWholeNamespace));
        // Ray's head and every port Ray picks: only the deployment's own pods.
        for (int port : List.of(6379, 5000, 8001, 10001)) {
            assertThat(rules).filteredOn(r -> admitsPort(r, port)).as("port " + port).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.getFrom()).allSatisfy(peer -> {
                        assertThat(peer.getNamespaceSelector()).isNull();
                        assertThat(peer.getPodSelector().getMatchLabels())
                                .isEqualTo(Map.of("modeldeploy.io/deployment", "qwen-chat"));
                    }));
        }

        // Reconciles of a deployment whose spec did not change write nothing more to it. A pod's annotation (as a
        // monitoring agent may set) wakes the operator, which watches the deployment's pods.
        String version = policy.getMetadata().getResourceVersion();
        long reconciles = ns.harness().operator().reconcileCount(ns.name(), "qwen-chat");
        ns.client().pods().inNamespace(ns.name()).withName(podsSelectedBy(policy).get(0).getMetadata().getName())
                .edit(p -> new PodBuilder(p).editMetadata().addToAnnotations("example.com/scraped", "true").endMetadata()
                        .build());
        ns.harness().operator().awaitReconciled(ns.name(), "qwen-chat", reconciles);
        assertThat(policy("qwen-chat").getMetadata().getResourceVersion()).isEqualTo(version);
    }

    /** SGLang takes its key only as a flag: the operator's launcher adds it inside the interpreter, never in argv. */
    @Test
    void sglangServesWithItsKeyWhileNoPodCommandLineCarriesIt() {
        ns.applySample("quickstart-sglang.yaml");
        ModelDeploymentView md = ns.awaitPhase("llama-sglang", "Running");
        String key = ns.apiKey("llama-sglang");

        assertThat(ns.engineOf(md, key).chat("llama", "hello").statusCode()).isEqualTo(200);
        assertThat(ns.engineOf(md, null).chat("llama", "hello").statusCode()).isEqualTo(401);
        for (Pod pod : podsSelectedBy(policy("llama-sglang"))) {
            for (Container c : pod.getSpec().getContainers()) {
                List<String> argv = new ArrayList<>(c.getCommand() == null ? List.of() : c.getCommand());
                argv.addAll(c.getArgs() == null ? List.of() : c.getArgs());
                assertThat(argv).as(pod.getMetadata().getName() + " " + c.getName())
                        .noneMatch(word -> word.contains(key))
                        .noneMatch(word -> word.matches("(?s).*\\$\\([A-Za-z_][A-Za-z0-9_]*\\).*"))
                        .noneMatch(word -> word.startsWith("--api-key"));
            }
        }
    }
}
