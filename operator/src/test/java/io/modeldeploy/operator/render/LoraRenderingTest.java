package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Adapter;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.engine.Engines;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.modeldeploy.operator.Fixtures.apiKeyRef;
import static io.modeldeploy.operator.Fixtures.settings;
import static io.modeldeploy.operator.deployment.AdapterLocationTest.adapter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engines rendered with LoRA enabled (spec.adapters set, even empty): the flags sized with headroom
 * (maxLoras 4 in the test settings), the run-time env and the sidecar, and the promise that adding or
 * removing an adapter restarts nothing until the headroom is used up.
 */
class LoraRenderingTest {

    private static List<Adapter> hfAdapters(int count) {
        return new ArrayList<>(IntStream.rangeClosed(1, count).mapToObj(i -> adapter("lora-" + i, "hf://org/lora-" + i)).toList());
    }

    private static ModelDeployment withAdapters(ModelDeployment md, List<Adapter> adapters) {
        md.getSpec().setAdapters(adapters);
        return md;
    }

    private static ModelDeployment vllm(int adapters) {
        return withAdapters(Fixtures.vllmQuickStart(), hfAdapters(adapters));
    }

    private static ModelDeployment sglang(int adapters) {
        return withAdapters(Fixtures.sglangLoraCapableQuickStart(), hfAdapters(adapters));
    }

    private static ModelDeployment expert(int adapters) {
        return withAdapters(Fixtures.expert(), hfAdapters(adapters));
    }

    private static Deployment deploymentOf(ModelDeployment md) {
        return DeploymentRenderer.render(Fixtures.resolve(md), apiKeyRef(), settings());
    }

    private static PodTemplateSpec podOf(ModelDeployment md) {
        return deploymentOf(md).getSpec().getTemplate();
    }

    private static Container container(PodTemplateSpec pod, String name) {
        return pod.getSpec().getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    private static List<String> engineArgs(ModelDeployment md) {
        return container(podOf(md), "engine").getArgs();
    }

    private static Optional<String> env(Container c, String name) {
        return c.getEnv() == null ? Optional.empty()
                : c.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst();
    }

    private static String digestOf(Deployment d) {
        return DesiredDigest.stamp(d).getMetadata().getAnnotations().get(PodAnnotations.DESIRED_DIGEST);
    }

    // --- capacity ---

    @Test
    void capacityIsTheConfiguredSizeUntilItIsFull() {
        RenderSettings.LoraSettings lora = settings().lora();

        assertThat(lora.capacityFor(0)).isEqualTo(4);
        assertThat(lora.capacityFor(1)).isEqualTo(4);
        assertThat(lora.capacityFor(4)).isEqualTo(4);
    }

    @Test
    void capacityGrowsToTheNextMultipleOfTheConfiguredSize() {
        RenderSettings.LoraSettings lora = settings().lora();

        assertThat(lora.capacityFor(5)).isEqualTo(8);
        assertThat(lora.capacityFor(8)).isEqualTo(8);
        assertThat(lora.capacityFor(9)).isEqualTo(12);
    }

    @Test
    void aConfiguredSizeBelowOneIsTreatedAsOne() {
        RenderSettings.LoraSettings lora = new RenderSettings.LoraSettings(0, 64, "all", 8001, Optional.empty());

        assertThat(lora.capacityFor(0)).isEqualTo(1);
        assertThat(lora.capacityFor(3)).isEqualTo(3);
    }

    // --- engine flags ---

    @Test
    void vllmWithAdaptersGetsLoraFlagsBeforeTheUserBackendArgs() {
        assertThat(engineArgs(vllm(2))).containsSequence(
                "--tensor-parallel-size", "2",
                "--enable-lora",
                "--max-loras", "4",
                "--max-cpu-loras", "4",
                "--max-lora-rank", "64",
                "--max-model-len", "8192");
    }

    @Test
    void anEmptyAdapterListEnablesLora() {
        List<String> args = engineArgs(vllm(0));

        assertThat(args).contains("--enable-lora").containsSequence("--max-loras", "4");
        assertThat(podOf(vllm(0)).getSpec().getContainers()).extracting(Container::getName).contains("adapter-sync");
    }

    @Test
    void withoutAdaptersThereIsNoLoraAtAll() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        PodTemplateSpec pod = podOf(md);

        assertThat(md.getSpec().getAdapters()).isNull();
        assertThat(container(pod, "engine").getArgs()).noneMatch(a -> a.contains("lora"));
        assertThat(env(container(pod, "engine"), "VLLM_ALLOW_RUNTIME_LORA_UPDATING")).isEmpty();
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("engine");
        assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName()).doesNotContain("adapters", "adapter-sync");
    }

    @Test
    void moreAdaptersThanTheConfiguredSizeGetTheNextMultiple() {
        assertThat(engineArgs(vllm(5))).containsSequence("--max-loras", "8").containsSequence("--max-cpu-loras", "8");
    }

    @Test
    void userBackendArgsOverrideTheLoraFlags() {
        ModelDeployment md = vllm(1);
        md.getSpec().getQuickStart().setBackendArgs(List.of("--max-loras=16", "--max-lora-rank", "128"));

        List<String> args = engineArgs(md);

        assertThat(args).containsSequence("--max-loras", "16").containsSequence("--max-lora-rank", "128");
        assertThat(Collections.frequency(args, "--max-loras")).isEqualTo(1);
        assertThat(Collections.frequency(args, "--max-lora-rank")).isEqualTo(1);
        assertThat(args).containsSequence("--max-cpu-loras", "4");
    }

    @Test
    void sglangWithAdaptersGetsItsOwnLoraFlags() {
        List<String> args = engineArgs(sglang(1));

        assertThat(args).contains("--enable-lora")
                .containsSequence("--max-lora-rank", "64")
                .containsSequence("--lora-target-modules", "all")
                .containsSequence("--max-loras-per-batch", "4")
                .containsSequence("--max-loaded-loras", "4");
        assertThat(args).doesNotContain("--max-loras", "--max-cpu-loras");
    }

    @Test
    void loraSettingsReachTheFlags() {
        RenderSettings s = settings();
        RenderSettings custom = new RenderSettings(s.repositories(), s.mirror(), s.pullPolicy(),
                s.gpus(), s.defaultCpu(), s.defaultMemory(), s.shmSize(), s.startupTimeout(),
                new RenderSettings.LoraSettings(2, 16, "q_proj,v_proj", 8001, Optional.empty()));

        List<String> args = container(DeploymentRenderer.render(Fixtures.resolve(sglang(3)), apiKeyRef(), custom).getSpec()
                .getTemplate(), "engine").getArgs();

        assertThat(args).containsSequence("--max-lora-rank", "16")
                .containsSequence("--lora-target-modules", "q_proj,v_proj")
                .containsSequence("--max-loaded-loras", "4");
    }

    // --- env and sidecar ---

    @Test
    void vllmEngineMayLoadAdaptersAtRunTime() {
        PodTemplateSpec pod = podOf(vllm(1));

        assertThat(env(container(pod, "engine"), "VLLM_ALLOW_RUNTIME_LORA_UPDATING")).contains("True");
        assertThat(container(pod, "adapter-sync").getImage()).isEqualTo(container(pod, "engine").getImage());
    }

    @Test
    void sglangEngineGetsTheSidecarButNoVllmEnv() {
        PodTemplateSpec pod = podOf(sglang(1));

        assertThat(env(container(pod, "engine"), "VLLM_ALLOW_RUNTIME_LORA_UPDATING")).isEmpty();
        assertThat(container(pod, "adapter-sync").getImage()).isEqualTo("docker.io/lmsysorg/sglang:v" + Fixtures.SGLANG_LORA_VERSION);
    }

    @Test
    void apiKeyEnvIsKeptWhenTheLoraEnvIsAdded() {
        Container engine = container(podOf(vllm(1)), "engine");

        assertThat(engine.getEnv()).extracting(EnvVar::getName).contains("VLLM_API_KEY");
        assertThat(Serialization.asJson(podOf(vllm(1)))).doesNotContain(Fixtures.API_KEY);
    }

    @Test
    void expertServingContainerGetsTheEnvAndThePodTheSidecar() {
        PodTemplateSpec pod = podOf(expert(1));

        Container server = container(pod, "server");
        assertThat(env(server, "VLLM_ALLOW_RUNTIME_LORA_UPDATING")).contains("True");
        assertThat(env(server, "HF_HUB_OFFLINE")).contains("1");
        assertThat(server.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getMountPath()).isEqualTo("/adapters");
            assertThat(m.getReadOnly()).isTrue();
        });
        assertThat(container(pod, "adapter-sync").getImage()).isEqualTo("vllm/vllm-openai:v0.8.4");
        assertThat(container(pod, "log-shipper").getEnv()).isNullOrEmpty();
        assertThat(container(pod, "log-shipper").getVolumeMounts()).isNullOrEmpty();
    }

    @Test
    void expertUsersOwnValueOfTheLoraEnvIsReplacedNotDuplicated() {
        ModelDeployment md = expert(1);
        Container server = md.getSpec().getExpert().getTemplate().getSpec().getContainers().get(0);
        server.getEnv().add(new EnvVar("VLLM_ALLOW_RUNTIME_LORA_UPDATING", "False", null));

        List<EnvVar> env = container(podOf(md), "server").getEnv();

        assertThat(env).filteredOn(e -> e.getName().equals("VLLM_ALLOW_RUNTIME_LORA_UPDATING"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo("True"));
    }

    @Test
    void expertSglangTemplateIsRecognisedAndGetsNoVllmEnv() {
        ModelDeployment md = expert(1);
        Container server = md.getSpec().getExpert().getTemplate().getSpec().getContainers().get(0);
        server.setImage("lmsysorg/sglang:v0.4.6-cu124");
        server.setCommand(List.of("python3", "-m", "sglang.launch_server"));

        PodTemplateSpec pod = podOf(md);

        assertThat(env(container(pod, "server"), "VLLM_ALLOW_RUNTIME_LORA_UPDATING")).isEmpty();
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).contains("adapter-sync");
    }

    private static Backend backendOf(Container container) {
        return Engines.running(container).backend();
    }

    @Test
    void backendOfAnExpertContainerIsSglangOnlyWhenItsLaunchSaysSo() {
        assertThat(backendOf(new ContainerBuilder().withImage("lmsysorg/sglang:latest").build()))
                .isEqualTo(Backend.SGLANG);
        assertThat(backendOf(new ContainerBuilder().withImage("registry.example/llm:1")
                .withCommand("python3", "-m", "sglang.launch_server").build())).isEqualTo(Backend.SGLANG);
        assertThat(backendOf(new ContainerBuilder().withImage("vllm/vllm-openai:v0.8.4")
                .withArgs("--port", "8000").build())).isEqualTo(Backend.VLLM);
        assertThat(backendOf(new ContainerBuilder().withImage("registry.example/llm:1").build()))
                .isEqualTo(Backend.VLLM);
    }

    @Test
    void renderingDoesNotChangeTheUsersExpertTemplate() {
        ModelDeployment md = expert(2);
        String before = Serialization.asJson(md.getSpec());

        Deployment first = deploymentOf(md);
        Deployment second = deploymentOf(md);

        assertThat(Serialization.asJson(md.getSpec())).isEqualTo(before);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void loraModeDeploymentsRunNoEngineOfTheirOwn() {
        assertThat(Fixtures.resolve(Fixtures.lora()).loraEnabled()).isFalse();
        assertThat(Fixtures.resolve(vllm(0)).loraEnabled()).isTrue();
        assertThat(Fixtures.resolve(expert(0)).loraEnabled()).isTrue();
        assertThat(Fixtures.resolve(Fixtures.vllmQuickStart()).loraEnabled()).isFalse();
    }

    // --- no rollout for adapter changes ---

    @Test
    void addingOrRemovingAHuggingFaceAdapterChangesNothingInTheDeployment() {
        for (int n = 0; n < 4; n++) {
            assertThat(deploymentOf(vllm(n + 1))).as("vLLM %d -> %d adapters", n, n + 1).isEqualTo(deploymentOf(vllm(n)));
            assertThat(deploymentOf(sglang(n + 1))).as("SGLang %d -> %d adapters", n, n + 1).isEqualTo(deploymentOf(sglang(n)));
            assertThat(deploymentOf(expert(n + 1))).as("expert %d -> %d adapters", n, n + 1).isEqualTo(deploymentOf(expert(n)));
        }
        assertThat(digestOf(deploymentOf(vllm(4)))).isEqualTo(digestOf(deploymentOf(vllm(1))));
    }

    @Test
    void replacingAnAdapterByAnotherChangesNothingInTheDeployment() {
        ModelDeployment md = vllm(0);
        md.getSpec().setAdapters(new ArrayList<>(List.of(adapter("sql", "hf://org/sql"), adapter("local", "file:///opt/l"))));
        ModelDeployment other = vllm(0);
        other.getSpec().setAdapters(new ArrayList<>(List.of(adapter("chat", "s3://bucket/chat"))));

        assertThat(deploymentOf(md)).isEqualTo(deploymentOf(other));
    }

    @Test
    void theFifthAdapterBeyondACapacityOfFourRestartsThePodsWithRoomForEight() {
        PodTemplateSpec four = podOf(vllm(4));
        PodTemplateSpec five = podOf(vllm(5));

        assertThat(five).isNotEqualTo(four);
        assertThat(container(five, "engine").getArgs()).containsSequence("--max-loras", "8");
        assertThat(podOf(vllm(8))).isEqualTo(five);
        assertThat(podOf(sglang(5))).isNotEqualTo(podOf(sglang(4)));
    }

    @Test
    void droppingBackBelowTheCapacityReturnsToTheOriginalPod() {
        assertThat(podOf(vllm(3))).isEqualTo(podOf(vllm(4))).isNotEqualTo(podOf(vllm(5)));
    }

    @Test
    void enablingLoraChangesThePod() {
        assertThat(podOf(vllm(0))).isNotEqualTo(podOf(Fixtures.vllmQuickStart()));
    }

    @Test
    void anAdapterOnAClaimThePodDoesNotMountYetChangesThePod() {
        ModelDeployment withClaim = vllm(1);
        withClaim.getSpec().getAdapters().add(adapter("sql", "pvc://loras/sql"));

        assertThat(podOf(withClaim)).isNotEqualTo(podOf(vllm(1)));
    }
}
