package io.modeldeploy.e2e.chart;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.modeldeploy.e2e.support.Kubectl;
import io.modeldeploy.e2e.support.LocalCluster;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart with multi-node instances and NetworkPolicies off and restricted pods: no pod create/delete in the
 * ClusterRole, workers > 1 refused; a NetworkPolicy the operator made before policies were turned off is removed
 * (delete); the whole cycle of the base class runs on restricted pods (the 1.20 API server has no Pod Security
 * admission: what this shows is that the API server and the simulated kubelet take them).
 */
class SingleNodeRbacSufficiencyIT extends RbacSufficiencyCheck {
    @Override
    protected String values(String ns) {
        return "multiNode: {enabled: false}\nconfig: {networkPolicy: {enabled: false}, podSecurity: {profile: restricted}}\n";
    }

    @Override
    protected boolean multiNodeEnabled() {
        return false;
    }

    @Override
    protected boolean networkPoliciesEnabled() {
        return false;
    }

    @Test
    void aPolicyMadeWhilePoliciesWereOnIsRemoved() {
        Kubectl kubectl = new Kubectl(LocalCluster.get());
        kubectl.ok("apply", "-n", ns, "-f", LocalCluster.get().root().resolve("samples/quickstart-sglang.yaml").toString());
        GenericKubernetesResource md = Await.until("llama-sglang", Duration.ofSeconds(60), () -> admin
                .genericKubernetesResources(OperatorHarness.API_VERSION, "ModelDeployment").inNamespace(ns)
                .withName("llama-sglang").get());
        // What the operator rendered while policies were on: owned by the deployment, with the operator's labels.
        NetworkPolicy earlier = new NetworkPolicyBuilder().withNewMetadata().withName("llama-sglang").withNamespace(ns)
                .addToLabels("app.kubernetes.io/managed-by", "modeldeploy-operator")
                .addToLabels("modeldeploy.io/deployment", "llama-sglang")
                .addNewOwnerReference().withApiVersion(OperatorHarness.API_VERSION).withKind("ModelDeployment")
                .withName("llama-sglang").withUid(md.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNewPodSelector().addToMatchLabels("modeldeploy.io/deployment", "llama-sglang")
                .endPodSelector().withPolicyTypes("Ingress").endSpec().build();
        admin.resource(earlier).create();

        // Restricted pods: a non-root user with the volumes' group.
        Deployment deployment = Await.until("llama-sglang's Deployment", Duration.ofSeconds(60),
                () -> admin.apps().deployments().inNamespace(ns).withName("llama-sglang").get());
        PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).isTrue();
        assertThat(pod.getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getFsGroup()).isEqualTo(1000L);

        Await.until("the earlier policy removed by the operator", Duration.ofSeconds(60), () -> admin.network().v1()
                .networkPolicies().inNamespace(ns).withName("llama-sglang").get() == null);
        kubectl.ok("delete", "-n", ns, "md/llama-sglang", "--wait=false");
    }
}
