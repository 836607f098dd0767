package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.modeldeploy.operator.Fixtures.apiKeyRef;
import static io.modeldeploy.operator.Fixtures.settings;
import static io.modeldeploy.operator.Fixtures.vllmQuickStart;
import static org.assertj.core.api.Assertions.assertThat;

class DeploymentRendererTest {

    private static Deployment deploymentOf(ModelDeployment md) {
        return DeploymentRenderer.render(Fixtures.resolve(md), apiKeyRef(), settings());
    }

    @Test
    void deploymentIsNamedAfterTheResourceInItsNamespace() {
        Deployment d = deploymentOf(vllmQuickStart());

        assertThat(d.getApiVersion()).isEqualTo("apps/v1");
        assertThat(d.getKind()).isEqualTo("Deployment");
        assertThat(d.getMetadata().getName()).isEqualTo("qwen-chat");
        assertThat(d.getMetadata().getNamespace()).isEqualTo("team-a");
    }

    @Test
    void ownerReferenceMakesTheModelDeploymentItsController() {
        assertThat(deploymentOf(vllmQuickStart()).getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getApiVersion()).isEqualTo("modeldeploy.io/v1alpha1");
            assertThat(o.getKind()).isEqualTo("ModelDeployment");
            assertThat(o.getName()).isEqualTo("qwen-chat");
            assertThat(o.getUid()).isEqualTo(Fixtures.UID);
            assertThat(o.getController()).isTrue();
            assertThat(o.getBlockOwnerDeletion()).isTrue();
        });
    }

    @Test
    void deploymentCarriesTheOperatorLabels() {
        assertThat(deploymentOf(vllmQuickStart()).getMetadata().getLabels())
                .containsEntry("modeldeploy.io/deployment", "qwen-chat")
                .containsEntry("app.kubernetes.io/instance", "qwen-chat")
                .containsEntry("app.kubernetes.io/managed-by", "modeldeploy-operator")
                .containsEntry("app.kubernetes.io/part-of", "modeldeploy");
    }

    @Test
    void replicasFollowTheSpec() {
        assertThat(deploymentOf(vllmQuickStart()).getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void replicasDefaultToOne() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setReplicas(null);

        assertThat(deploymentOf(md).getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void stoppedDeploymentHasZeroReplicas() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setStopped(true);

        assertThat(deploymentOf(md).getSpec().getReplicas()).isZero();
    }

    @Test
    void selectorMatchesOnlyTheDeploymentLabelAndThePodTemplateCarriesIt() {
        Deployment d = deploymentOf(vllmQuickStart());

        assertThat(d.getSpec().getSelector().getMatchLabels())
                .containsExactly(Map.entry("modeldeploy.io/deployment", "qwen-chat"));
        assertThat(d.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void rollingUpdateNeverSurgesBecauseGpusAreScarce() {
        var strategy = deploymentOf(vllmQuickStart()).getSpec().getStrategy();

        assertThat(strategy.getType()).isEqualTo("RollingUpdate");
        assertThat(strategy.getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(0));
        assertThat(strategy.getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    }

    @Test
    void quickStartTemplateIsTheQuickStartPod() {
        assertThat(deploymentOf(vllmQuickStart()).getSpec().getTemplate())
                .isEqualTo(QuickStartPodRenderer.render(Fixtures.resolve(vllmQuickStart()), apiKeyRef(), settings()));
    }

    @Test
    void expertTemplateIsTheExpertPod() {
        assertThat(deploymentOf(Fixtures.expert()).getSpec().getTemplate())
                .isEqualTo(ExpertPodRenderer.render(Fixtures.resolve(Fixtures.expert()), apiKeyRef()));
    }

    @Test
    void enginePortIsTheQuickStartEngineDefault() {
        assertThat(Fixtures.resolve(vllmQuickStart()).enginePort()).isEqualTo(8000);
        assertThat(Fixtures.resolve(Fixtures.sglangQuickStart()).enginePort()).isEqualTo(30000);
    }

    @Test
    void enginePortFollowsAUserPortFlag() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().setBackendArgs(List.of("--port", "9000"));

        assertThat(Fixtures.resolve(md).enginePort()).isEqualTo(9000);
    }

    @Test
    void enginePortOfAnExpertDeploymentIsTheExpertPort() {
        ModelDeployment md = Fixtures.expert();
        md.getSpec().getExpert().setPort(2020);

        assertThat(Fixtures.resolve(md).enginePort()).isEqualTo(2020);
    }

    @Test
    void podTemplateDigestAnnotationChangesWhenTheKeyChanges() {
        Deployment before = DeploymentRenderer.render(Fixtures.resolve(vllmQuickStart()), apiKeyRef("sk-first"), settings());
        Deployment after = DeploymentRenderer.render(Fixtures.resolve(vllmQuickStart()), apiKeyRef("sk-second"), settings());

        assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations().get("modeldeploy.io/api-key-digest"))
                .isNotEqualTo(before.getSpec().getTemplate().getMetadata().getAnnotations().get("modeldeploy.io/api-key-digest"));
    }

    @Test
    void ownerReferenceIsTheSameOnEveryOwnedObject() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setExposure(IngressRendererTest.ingressExposure("qwen.example.com", null, null));
        List<OwnerReference> expected = deploymentOf(md).getMetadata().getOwnerReferences();

        assertThat(ServiceRenderer.render(Fixtures.resolve(md)).getMetadata().getOwnerReferences()).isEqualTo(expected);
        assertThat(IngressRenderer.render(Fixtures.resolve(md)).orElseThrow().getMetadata().getOwnerReferences()).isEqualTo(expected);
        assertThat(ApiKeySecretRenderer.render(Fixtures.resolve(md), "sk-x").getMetadata().getOwnerReferences()).isEqualTo(expected);
    }
}
