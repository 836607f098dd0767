package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.modeldeploy.operator.Fixtures.API_KEY;
import static io.modeldeploy.operator.Fixtures.apiKeyRef;
import static io.modeldeploy.operator.Fixtures.expert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expert mode (Fixtures.EXPERT_SPEC: container "server" on 8000 and a "log-shipper" sidecar on 2020). */
class ExpertPodRendererTest {

    private static PodTemplateSpec render(ModelDeployment md) {
        return ExpertPodRenderer.render(Fixtures.resolve(md), apiKeyRef());
    }

    private static Container container(PodTemplateSpec pod, String name) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static EnvVar apiKeyEnv() {
        return new EnvVarBuilder().withName("MODELDEPLOY_API_KEY")
                .withNewValueFrom().withNewSecretKeyRef().withName("qwen-chat-api-key").withKey("apiKey")
                .endSecretKeyRef().endValueFrom().build();
    }

    @Test
    void userContainersAreKeptInOrderWithImageCommandAndArgs() {
        PodTemplateSpec pod = render(expert());

        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("server", "log-shipper");
        Container server = container(pod, "server");
        assertThat(server.getImage()).isEqualTo("vllm/vllm-openai:v0.8.4");
        assertThat(server.getCommand()).containsExactly("vllm", "serve", "mistralai/Mistral-7B-Instruct-v0.3");
        assertThat(server.getArgs()).containsExactly("--port", "8000", "--api-key", "$(MODELDEPLOY_API_KEY)");
    }

    @Test
    void userProbesAreKeptAndNoneAreAdded() {
        Container server = container(render(expert()), "server");

        assertThat(server.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(server.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
        assertThat(server.getStartupProbe()).isNull();
        assertThat(server.getLivenessProbe()).isNull();
    }

    @Test
    void userNodeSelectorAndTolerationsAreKept() {
        PodTemplateSpec pod = render(expert());

        assertThat(pod.getSpec().getNodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.product", "NVIDIA-L40S"));
        assertThat(pod.getSpec().getTolerations()).containsExactly(
                new Toleration("NoSchedule", "nvidia.com/gpu", "Exists", null, null));
    }

    @Test
    void operatorLabelsAreMergedWithTheUserLabels() {
        assertThat(render(expert()).getMetadata().getLabels())
                .containsEntry("team", "nlp")
                .containsEntry("modeldeploy.io/deployment", "qwen-chat")
                .containsEntry("app.kubernetes.io/managed-by", "modeldeploy-operator");
    }

    @Test
    void operatorSelectorLabelWinsOverAUserLabelOfTheSameKey() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().getTemplate().getMetadata().getLabels().put("modeldeploy.io/deployment", "other");

        assertThat(render(md).getMetadata().getLabels()).containsEntry("modeldeploy.io/deployment", "qwen-chat");
    }

    @Test
    void templateWithoutMetadataGetsTheOperatorLabelsAndDigest() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().getTemplate().setMetadata(null);

        PodTemplateSpec pod = render(md);
        assertThat(pod.getMetadata().getLabels()).containsEntry("modeldeploy.io/deployment", "qwen-chat");
        assertThat(pod.getMetadata().getAnnotations()).containsOnlyKeys("modeldeploy.io/api-key-digest");
    }

    @Test
    void userAnnotationsAreKeptAndTheApiKeyDigestIsAdded() {
        assertThat(render(expert()).getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("modeldeploy.io/api-key-digest", ApiKeySecretRenderer.digest(API_KEY));
    }

    @Test
    void apiKeyEnvIsAddedFirstOnTheServingContainerBeforeTheUserEnv() {
        assertThat(container(render(expert()), "server").getEnv())
                .containsExactly(apiKeyEnv(), new EnvVar("HF_HUB_OFFLINE", "1", null));
    }

    @Test
    void apiKeyEnvIsNotAddedToContainersThatDoNotServeThePort() {
        assertThat(container(render(expert()), "log-shipper").getEnv()).isNullOrEmpty();
    }

    @Test
    void apiKeyEnvGoesToWhicheverContainerDeclaresTheExpertPort() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().setPort(2020);

        PodTemplateSpec pod = render(md);
        assertThat(container(pod, "log-shipper").getEnv()).containsExactly(apiKeyEnv());
        assertThat(container(pod, "server").getEnv()).extracting(EnvVar::getName).containsExactly("HF_HUB_OFFLINE");
    }

    @Test
    void aUserDefinedApiKeyEnvIsReplacedByTheSecretReference() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new EnvVar("MODELDEPLOY_API_KEY", "typed-in-by-hand", null));

        assertThat(container(render(md), "server").getEnv())
                .containsExactly(apiKeyEnv(), new EnvVar("HF_HUB_OFFLINE", "1", null));
    }

    @Test
    void apiKeyValueAppearsNowhereInTheRenderedPod() {
        assertThat(Serialization.asJson(ExpertPodRenderer.render(Fixtures.resolve(expert()), apiKeyRef(API_KEY)))).doesNotContain(API_KEY);
    }

    @Test
    void renderingDoesNotChangeTheUsersTemplateInTheSpec() {
        ModelDeployment md = expert();
        PodTemplateSpec before = Serialization.clone(md.getSpec().getExpert().getTemplate());

        render(md);

        assertThat(md.getSpec().getExpert().getTemplate()).isEqualTo(before);
    }

    @Test
    void servingPortDefaultsTo8000() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().setPort(null);

        assertThat(Fixtures.resolve(md).enginePort()).isEqualTo(8000);
    }

    @Test
    void templateWithoutAContainerOnThePortIsRefused() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().setPort(7000);

        assertThat(Fixtures.resolver().resolve(md).errors()).singleElement()
                .satisfies(e -> assertThat(e.toString()).contains("spec.expert.port").contains("7000"));
    }

    @Test
    void servingContainerIsTheFirstThatDeclaresThePort() {
        ModelDeployment md = expert();
        md.getSpec().getExpert().getTemplate().getSpec().getContainers().get(1).getPorts()
                .add(new ContainerPortBuilder().withContainerPort(8000).build());

        assertThat(Fixtures.resolve(md).expert().orElseThrow().servingContainer()).isEqualTo("server");
    }
}
