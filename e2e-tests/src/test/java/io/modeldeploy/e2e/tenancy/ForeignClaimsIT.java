package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What another tenant already has is never taken (tenancy.md, "Objects a tenant does not own"), on the REAL API
 * server with the packaged operator: an Ingress host another ModelDeployment serves, in another namespace, and a
 * pod labelled like one of a multi-node deployment's group pods that the deployment did not create.
 */
class ForeignClaimsIT {
    @RegisterExtension
    static final TestNamespace first = TestNamespace.withOperator("host-first");
    @RegisterExtension
    static final TestNamespace second = TestNamespace.withOperator("host-second");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String RESOURCES = "{cpu: \"2\", memory: 8Gi}";

    private static Ingress ingress(TestNamespace ns, String name) {
        return ns.client().network().v1().ingresses().inNamespace(ns.name()).withName(name).get();
    }

    @Test
    void anIngressHostAnotherDeploymentServesStaysWithItAndTheSecondTakesItWhenTheFirstLetsGo() {
        String host = "chat." + first.name() + ".example.com";
        String exposure = "exposure: {ingress: {host: " + host + "}}";
        first.create(Manifests.quickStart("holder", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4", RESOURCES, exposure));
        Ingress held = Await.until("the first deployment's Ingress", TIMEOUT, () -> ingress(first, "holder"));

        second.create(Manifests.quickStart("asker", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4", RESOURCES, exposure));

        Await.until("Ready=False ResourceConflict", TIMEOUT,
                () -> second.md("asker").conditionIs("Ready", "False", "ResourceConflict"));
        assertThat(second.md("asker").conditionMessage("Ready")).contains(host).contains(first.name() + "/holder");
        Await.until("a ResourceConflict Warning", TIMEOUT, () -> second.eventReasons("asker").contains("ResourceConflict"));
        assertThat(ingress(second, "asker")).isNull();
        Ingress still = ingress(first, "holder");
        assertThat(still.getMetadata().getUid()).isEqualTo(held.getMetadata().getUid());
        assertThat(still.getSpec()).isEqualTo(held.getSpec());

        first.mds().withName("holder").delete();

        // Nothing watches another namespace's Ingress for this deployment: its 30 s recheck sees the host free.
        Ingress taken = Await.until("the second deployment's Ingress", Duration.ofSeconds(90), () -> ingress(second, "asker"));
        assertThat(taken.getSpec().getRules()).extracting(r -> r.getHost()).containsExactly(host);
        Await.until("the conflict cleared", TIMEOUT,
                () -> !second.md("asker").conditionIs("Ready", "False", "ResourceConflict"));
    }

    /**
     * A pod the tenant labelled as group 0's leader of deployment "groups", made before it. Not bound to a node that
     * does not exist: the controller manager's pod garbage collection would delete it.
     */
    private static Pod labelledLikeAGroupPod(String namespace) {
        return new PodBuilder().withNewMetadata().withName("groups-0-theirs-0").withNamespace(namespace)
                .withLabels(Map.of("modeldeploy.io/deployment", "groups", "app.kubernetes.io/managed-by", "modeldeploy-operator",
                        "modeldeploy.io/group", "0", "modeldeploy.io/group-incarnation", "theirs", "modeldeploy.io/rank", "0",
                        "modeldeploy.io/role", "leader"))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox:1.36").endContainer()
                .endSpec()
                .build();
    }

    @Test
    void aPodLabelledLikeAGroupPodThatTheDeploymentDidNotCreateIsNeverDeletedNorChanged() {
        Pod theirs = second.client().pods().inNamespace(second.name()).resource(labelledLikeAGroupPod(second.name())).create();
        second.create(Manifests.quickStart("groups", "meta-llama/Llama-3.1-8B-Instruct", "vllm", "0.8.4",
                "{workers: 2, cpu: \"2\", memory: 8Gi, gpu: {type: H100, count: 1}}", ""));

        List<Pod> own = Await.until("the deployment's own group pods", TIMEOUT, () -> {
            List<Pod> pods = ownedGroupPods();
            return pods.size() == 2 ? pods : null;
        });
        assertThat(own).extracting(p -> p.getMetadata().getName()).doesNotContain("groups-0-theirs-0");

        // Scaled to zero, then back to one node per instance: the operator deletes its groups, nobody else's pod.
        second.patchSpec("groups", Map.of("replicas", 0));
        Await.until("its groups gone", TIMEOUT, () -> ownedGroupPods().isEmpty());
        second.patchSpec("groups", Map.of("replicas", 1, "quickStart", Map.of("resources", Map.of("workers", 1))));
        Await.until("its Deployment", TIMEOUT,
                () -> second.client().apps().deployments().inNamespace(second.name()).withName("groups").get() != null);

        Pod after = second.pod("groups-0-theirs-0");
        assertThat(after).as("their pod").isNotNull();
        assertThat(after.getMetadata().getUid()).isEqualTo(theirs.getMetadata().getUid());
        assertThat(after.getMetadata().getLabels()).isEqualTo(theirs.getMetadata().getLabels());
        assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
        assertThat(after.getMetadata().getDeletionTimestamp()).isNull();
    }

    private static List<Pod> ownedGroupPods() {
        return second.client().pods().inNamespace(second.name()).withLabel("modeldeploy.io/deployment", "groups").list()
                .getItems().stream()
                .filter(p -> p.getMetadata().getLabels().containsKey("modeldeploy.io/group"))
                .filter(p -> p.getMetadata().getOwnerReferences() != null && !p.getMetadata().getOwnerReferences().isEmpty())
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }
}
