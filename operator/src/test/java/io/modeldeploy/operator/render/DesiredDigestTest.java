package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.modeldeploy.operator.Fixtures.apiKeyRef;
import static io.modeldeploy.operator.Fixtures.settings;
import static io.modeldeploy.operator.Fixtures.vllmQuickStart;
import static org.assertj.core.api.Assertions.assertThat;

class DesiredDigestTest {

    private static Deployment rendered(ModelDeployment md) {
        return DeploymentRenderer.render(Fixtures.resolve(md), apiKeyRef(), settings());
    }

    private static String digestAnnotation(Deployment d) {
        return d.getMetadata().getAnnotations().get(PodAnnotations.DESIRED_DIGEST);
    }

    /** A Deployment whose maps are filled in the order of the given keys. */
    private static Deployment deploymentWithMapsInOrder(List<String> keys) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> nodeSelector = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        for (String k : keys) {
            labels.put("example.com/" + k, k);
            nodeSelector.put("node.example.com/" + k, k);
            limits.put(k.equals("a") ? "cpu" : k.equals("b") ? "memory" : "nvidia.com/gpu", new Quantity("1"));
        }
        return new DeploymentBuilder()
                .withNewMetadata().withName("d").withNamespace("ns").withLabels(labels).endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withNodeSelector(nodeSelector)
                .addNewContainer().withName("c").withNewResources().withLimits(limits).endResources().endContainer()
                .endSpec().endTemplate().endSpec()
                .build();
    }

    @Test
    void stampAddsTheDigestAnnotation() {
        assertThat(digestAnnotation(DesiredDigest.stamp(rendered(vllmQuickStart())))).matches("[0-9a-f]{24}");
    }

    @Test
    void equalObjectsHaveEqualDigests() {
        assertThat(DesiredDigest.of(rendered(vllmQuickStart()))).isEqualTo(DesiredDigest.of(rendered(vllmQuickStart())));
    }

    @Test
    void mapInsertionOrderDoesNotChangeTheDigest() {
        Deployment abc = deploymentWithMapsInOrder(List.of("a", "b", "c"));
        Deployment cba = deploymentWithMapsInOrder(List.of("c", "b", "a"));

        assertThat(abc).isEqualTo(cba);
        assertThat(DesiredDigest.of(abc)).isEqualTo(DesiredDigest.of(cba));
    }

    /**
     * Live objects carry the digest from one operator process to the next: a digest computed differently by a new
     * process (Map.of iterates in a per-JVM order) would re-apply every object of every user at each restart.
     * Pinned, so each surefire JVM checks it against the value every earlier one computed.
     */
    @Test
    void theDigestOfAFixedObjectIsTheSameInEveryProcess() {
        Map<String, String> labels = Map.of("app", "m", "tier", "gpu", "team", "a", "zone", "z1", "rank", "0");
        Deployment fixed = new DeploymentBuilder()
                .withNewMetadata().withName("d").withNamespace("ns").withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(2).withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withNodeSelector(Map.of("gpu", "H100", "pool", "p1", "arch", "amd64"))
                .addNewContainer().withName("c").withArgs("--model", "m").withNewResources()
                .withLimits(Map.of("cpu", new Quantity("2"), "memory", new Quantity("8Gi"), "nvidia.com/gpu", new Quantity("1")))
                .endResources().endContainer()
                .endSpec().endTemplate().endSpec()
                .build();

        assertThat(DesiredDigest.of(fixed)).isEqualTo("8bc1542cdd5a758e0ea6bbf4");
    }

    @Test
    void aSpecChangeChangesTheDigest() {
        ModelDeployment scaled = vllmQuickStart();
        scaled.getSpec().setReplicas(3);

        assertThat(DesiredDigest.of(rendered(scaled))).isNotEqualTo(DesiredDigest.of(rendered(vllmQuickStart())));
    }

    @Test
    void anEngineFlagChangeChangesTheDigest() {
        ModelDeployment changed = vllmQuickStart();
        changed.getSpec().getQuickStart().setBackendArgs(List.of("--max-model-len=4096"));

        assertThat(DesiredDigest.of(rendered(changed))).isNotEqualTo(DesiredDigest.of(rendered(vllmQuickStart())));
    }

    @Test
    void aNewApiKeyChangesTheDeploymentDigest() {
        Deployment before = DeploymentRenderer.render(Fixtures.resolve(vllmQuickStart()), apiKeyRef("sk-1"), settings());
        Deployment after = DeploymentRenderer.render(Fixtures.resolve(vllmQuickStart()), apiKeyRef("sk-2"), settings());

        assertThat(DesiredDigest.of(after)).isNotEqualTo(DesiredDigest.of(before));
    }

    @Test
    void liveObjectStampedFromTheSameDesiredStateMatches() {
        Deployment live = DesiredDigest.stamp(rendered(vllmQuickStart()));
        Deployment desired = DesiredDigest.stamp(rendered(vllmQuickStart()));

        assertThat(DesiredDigest.matches(live, desired)).isTrue();
    }

    @Test
    void liveObjectFromAnOlderDesiredStateDoesNotMatch() {
        ModelDeployment scaled = vllmQuickStart();
        scaled.getSpec().setReplicas(5);
        Deployment live = DesiredDigest.stamp(rendered(vllmQuickStart()));

        assertThat(DesiredDigest.matches(live, DesiredDigest.stamp(rendered(scaled)))).isFalse();
    }

    @Test
    void missingOrUnannotatedLiveObjectNeverMatches() {
        Deployment desired = DesiredDigest.stamp(rendered(vllmQuickStart()));

        assertThat(DesiredDigest.matches(null, desired)).isFalse();
        assertThat(DesiredDigest.matches(rendered(vllmQuickStart()), desired)).isFalse();
    }
}
