package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.modeldeploy.operator.Fixtures.API_KEY;
import static io.modeldeploy.operator.Fixtures.apiKeyRef;
import static io.modeldeploy.operator.Fixtures.settings;
import static io.modeldeploy.operator.Fixtures.vllmQuickStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pod of a vLLM quickStart instance (Fixtures.VLLM_SPEC: Qwen on 2 x H100, names qwen-chat and qwen). */
class VllmQuickStartPodTest {

    private static PodTemplateSpec render(ModelDeployment md) {
        return QuickStartPodRenderer.render(Fixtures.resolve(md), apiKeyRef(), settings());
    }

    private static Container engine(PodTemplateSpec pod) {
        assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly(QuickStartPodRenderer.CONTAINER);
        return pod.getSpec().getContainers().get(0);
    }

    private static Container engineOf(ModelDeployment md) {
        return engine(render(md));
    }

    private static ModelDeployment withBackendArgs(String... args) {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().setBackendArgs(List.of(args));
        return md;
    }

    private static ModelDeployment withModelUri(String uri) {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getModel().setUri(uri);
        return md;
    }

    private static ModelDeployment withGpu(String type, int count) {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().getGpu().setType(type);
        md.getSpec().getQuickStart().getResources().getGpu().setCount(count);
        return md;
    }

    private static Volume volume(PodTemplateSpec pod, String name) {
        return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    private static VolumeMount mount(Container c, String name) {
        return c.getVolumeMounts().stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void imageIsTheConfiguredRepositoryTaggedWithVPrefixedBackendVersion() {
        assertThat(engineOf(vllmQuickStart()).getImage()).isEqualTo("docker.io/vllm/vllm-openai:v0.8.4");
    }

    @Test
    void registryMirrorReplacesTheRegistryHostOfTheImage() {
        PodTemplateSpec pod = QuickStartPodRenderer.render(Fixtures.resolve(vllmQuickStart()), apiKeyRef(),
                Fixtures.settingsWithMirror("registry.example.cn/mirror"));

        assertThat(engine(pod).getImage()).isEqualTo("registry.example.cn/mirror/vllm/vllm-openai:v0.8.4");
    }

    @Test
    void imagePullPolicyComesFromSettings() {
        assertThat(engineOf(vllmQuickStart()).getImagePullPolicy()).isEqualTo("IfNotPresent");
    }

    @Test
    void commandIsTheOpenAiApiServerModule() {
        assertThat(engineOf(vllmQuickStart()).getCommand())
                .containsExactly("python3", "-m", "vllm.entrypoints.openai.api_server");
    }

    @Test
    void argsAreTheOperatorFlagsFollowedByTheUserBackendArgs() {
        assertThat(engineOf(vllmQuickStart()).getArgs()).containsExactly(
                "--model", "Qwen/Qwen2.5-7B-Instruct",
                "--served-model-name", "qwen-chat", "qwen",
                "--host", "0.0.0.0",
                "--port", "8000",
                "--tensor-parallel-size", "2",
                "--max-model-len", "8192");
    }

    @Test
    void servedNameDefaultsToTheResourceName() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getModel().setServedNames(null);

        assertThat(engineOf(md).getArgs()).containsSequence("--served-model-name", Fixtures.NAME, "--host");
    }

    @Test
    void tensorParallelSizeFollowsTheGpuCount() {
        assertThat(engineOf(withGpu("H100", 4)).getArgs()).containsSequence("--tensor-parallel-size", "4");
    }

    @Test
    void userFlagReplacesTheOperatorsValueInsteadOfRepeatingIt() {
        List<String> args = engineOf(withBackendArgs("--tensor-parallel-size=4")).getArgs();

        assertThat(args).containsSequence("--tensor-parallel-size", "4");
        assertThat(Collections.frequency(args, "--tensor-parallel-size")).isEqualTo(1);
        assertThat(args).doesNotContain("2");
    }

    @Test
    void userPortReplacesTheOperatorsPortAndTheContainerPortFollows() {
        Container engine = engineOf(withBackendArgs("--port", "9000"));

        assertThat(engine.getArgs()).containsSequence("--port", "9000");
        assertThat(Collections.frequency(engine.getArgs(), "--port")).isEqualTo(1);
        assertThat(engine.getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(9000);
        });
    }

    @Test
    void nonNumericUserPortIsRefusedWithAMessageNamingBackendArgs() {
        // Refused when the spec is resolved, before anything is rendered.
        assertThat(Fixtures.resolver().resolve(withBackendArgs("--port", "abc")).errors()).singleElement()
                .satisfies(e -> assertThat(e.toString()).startsWith("spec.quickStart.backendArgs").contains("--port in backendArgs"));
    }

    @Test
    void containerPortIsNamedHttpOn8000ByDefault() {
        assertThat(engineOf(vllmQuickStart()).getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8000);
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
    }

    @Test
    void apiKeyReachesVllmOnlyThroughVllmApiKeyEnvFromTheSecret() {
        Container engine = engineOf(vllmQuickStart());

        assertThat(engine.getEnv()).filteredOn(e -> e.getName().equals("VLLM_API_KEY")).singleElement().satisfies(e -> {
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("qwen-chat-api-key");
            assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("apiKey");
        });
        assertThat(engine.getArgs()).noneMatch(a -> a.startsWith("--api-key"));
    }

    @Test
    void apiKeyValueAppearsNowhereInTheSerializedDeployment() {
        var deployment = DeploymentRenderer.render(Fixtures.resolve(vllmQuickStart()), apiKeyRef(API_KEY), settings());

        assertThat(Serialization.asJson(deployment)).doesNotContain(API_KEY);
        assertThat(Serialization.asYaml(deployment)).doesNotContain(API_KEY);
    }

    @Test
    void cpuAndMemoryAreBothRequestedAndLimited() {
        var resources = engineOf(vllmQuickStart()).getResources();

        assertThat(resources.getRequests()).containsOnly(
                Map.entry("cpu", new Quantity("8")), Map.entry("memory", new Quantity("64Gi")));
        assertThat(resources.getLimits()).contains(
                Map.entry("cpu", new Quantity("8")), Map.entry("memory", new Quantity("64Gi")));
    }

    @Test
    void cpuAndMemoryDefaultFromSettingsWhenNotGiven() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().getQuickStart().getResources().setCpu(null);
        md.getSpec().getQuickStart().getResources().setMemory(null);

        assertThat(engineOf(md).getResources().getRequests()).containsOnly(
                Map.entry("cpu", new Quantity("4")), Map.entry("memory", new Quantity("16Gi")));
    }

    @Test
    void gpusAreLimitedByTheCatalogResourceName() {
        assertThat(engineOf(vllmQuickStart()).getResources().getLimits())
                .containsEntry("nvidia.com/gpu", new Quantity("2"));
    }

    @Test
    void knownGpuTypeSelectsNodesAndToleratesTheGpuTaintFromTheCatalog() {
        PodTemplateSpec pod = render(vllmQuickStart());

        assertThat(pod.getSpec().getNodeSelector()).containsExactly(
                Map.entry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3"));
        assertThat(pod.getSpec().getTolerations()).containsExactly(
                new Toleration("NoSchedule", "nvidia.com/gpu", "Exists", null, null));
    }

    @Test
    void gpuTypeLookupIgnoresCase() {
        assertThat(render(withGpu("h100", 2)).getSpec().getNodeSelector())
                .containsEntry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3");
    }

    @Test
    void unknownGpuTypeSelectsOnTheProductLabelWithTheTypeAsWritten() {
        PodTemplateSpec pod = render(withGpu("RTX-4090", 1));

        assertThat(pod.getSpec().getNodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.product", "RTX-4090"));
        assertThat(engine(pod).getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"));
    }

    @Test
    void cpuOnlyInstanceHasNoGpuLimitNodeSelectorOrTolerationAndTensorParallelOne() {
        PodTemplateSpec pod = render(withGpu("H100", 0));

        assertThat(engine(pod).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(pod.getSpec().getNodeSelector()).isNullOrEmpty();
        assertThat(pod.getSpec().getTolerations()).isNullOrEmpty();
        assertThat(engine(pod).getArgs()).containsSequence("--tensor-parallel-size", "1");
    }

    @Test
    void sharedMemoryIsAnInMemoryEmptyDirMountedAtDevShm() {
        PodTemplateSpec pod = render(vllmQuickStart());

        assertThat(volume(pod, "shm").getEmptyDir()).satisfies(dir -> {
            assertThat(dir.getMedium()).isEqualTo("Memory");
            assertThat(dir.getSizeLimit()).isEqualTo(new Quantity("8Gi"));
        });
        assertThat(mount(engine(pod), "shm").getMountPath()).isEqualTo("/dev/shm");
    }

    @Test
    void huggingFaceModelIsDownloadedIntoAnEmptyDirModelCache() {
        PodTemplateSpec pod = render(vllmQuickStart());

        assertThat(volume(pod, "model").getEmptyDir()).isNotNull();
        assertThat(volume(pod, "model").getPersistentVolumeClaim()).isNull();
        assertThat(mount(engine(pod), "model").getMountPath()).isEqualTo("/models");
        assertThat(engine(pod).getEnv()).contains(new EnvVar("HF_HOME", "/models/.cache/huggingface", null));
        assertThat(engine(pod).getArgs()).containsSequence("--model", "Qwen/Qwen2.5-7B-Instruct");
    }

    @Test
    void pvcModelIsMountedReadOnlyAndTheEngineGetsThePathInsideTheMount() {
        PodTemplateSpec pod = render(withModelUri("pvc://model-store/qwen/Qwen2.5-7B-Instruct"));

        assertThat(volume(pod, "model").getEmptyDir()).isNull();
        assertThat(volume(pod, "model").getPersistentVolumeClaim()).satisfies(pvc -> {
            assertThat(pvc.getClaimName()).isEqualTo("model-store");
            assertThat(pvc.getReadOnly()).isTrue();
        });
        assertThat(mount(engine(pod), "model").getReadOnly()).isTrue();
        assertThat(engine(pod).getArgs()).containsSequence("--model", "/models/qwen/Qwen2.5-7B-Instruct");
        assertThat(engine(pod).getEnv()).extracting(EnvVar::getName).doesNotContain("HF_HOME");
    }

    @Test
    void fileModelIsPassedAsItsAbsolutePath() {
        assertThat(engineOf(withModelUri("file:///opt/weights/qwen")).getArgs()).containsSequence("--model", "/opt/weights/qwen");
    }

    /** file:// names weights already in the image; an empty volume mounted over them hides them from the engine. */
    @Test
    void fileModelUnderTheModelMountPathIsNotHiddenByAnEmptyVolume() {
        Container engine = engineOf(withModelUri("file:///models/qwen"));

        assertThat(engine.getVolumeMounts()).noneMatch(m -> "/models/qwen".startsWith(m.getMountPath() + "/"));
    }

    @Test
    void fileModelGetsNoModelVolumeAndNoDownloadCache() {
        PodTemplateSpec pod = render(withModelUri("file:///opt/weights/qwen"));

        assertThat(pod.getSpec().getVolumes()).extracting(Volume::getName).containsExactly("shm");
        assertThat(engine(pod).getVolumeMounts()).extracting(VolumeMount::getName).containsExactly("shm");
        assertThat(engine(pod).getEnv()).extracting(EnvVar::getName).doesNotContain("HF_HOME");
    }

    @Test
    void startupProbeOnHealthAllowsTheWholeStartupTimeout() {
        Probe startup = engineOf(vllmQuickStart()).getStartupProbe();

        assertThat(startup.getHttpGet().getPath()).isEqualTo("/health");
        assertThat(startup.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
        long budgetSeconds = (long) startup.getPeriodSeconds() * startup.getFailureThreshold();
        assertThat(startup.getFailureThreshold())
                .isEqualTo((int) (Fixtures.STARTUP_TIMEOUT.toSeconds() / startup.getPeriodSeconds()));
        assertThat(budgetSeconds).isEqualTo(Fixtures.STARTUP_TIMEOUT.toSeconds());
    }

    @Test
    void readinessProbeIsOnHealthByNamedPort() {
        Probe readiness = engineOf(vllmQuickStart()).getReadinessProbe();

        assertThat(readiness.getHttpGet().getPath()).isEqualTo("/health");
        assertThat(readiness.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
    }

    @Test
    void livenessProbeIsOnHealthByNamedPort() {
        Probe liveness = engineOf(vllmQuickStart()).getLivenessProbe();

        assertThat(liveness.getHttpGet().getPath()).isEqualTo("/health");
        assertThat(liveness.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
    }

    @Test
    void probesFollowAUserPortBecauseTheyUseThePortName() {
        Container engine = engineOf(withBackendArgs("--port", "9000"));

        assertThat(List.of(engine.getStartupProbe(), engine.getReadinessProbe(), engine.getLivenessProbe()))
                .allSatisfy(p -> assertThat(p.getHttpGet().getPort()).isEqualTo(new IntOrString("http")));
    }

    @Test
    void podCarriesTheDeploymentSelectorAndRecommendedLabels() {
        assertThat(render(vllmQuickStart()).getMetadata().getLabels())
                .containsEntry("modeldeploy.io/deployment", "qwen-chat")
                .containsEntry("app.kubernetes.io/instance", "qwen-chat")
                .containsEntry("app.kubernetes.io/managed-by", "modeldeploy-operator")
                .containsEntry("app.kubernetes.io/component", "inference")
                .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/part-of");
    }

    @Test
    void podTemplateCarriesTheApiKeyDigestNotTheKey() {
        var annotations = render(vllmQuickStart()).getMetadata().getAnnotations();

        assertThat(annotations).containsEntry("modeldeploy.io/api-key-digest", ApiKeySecretRenderer.digest(API_KEY));
        assertThat(annotations.values()).noneMatch(v -> v.contains(API_KEY));
    }

    @Test
    void apiKeyDigestAnnotationChangesWhenTheKeyChangesSoPodsRoll() {
        PodTemplateSpec before = QuickStartPodRenderer.render(Fixtures.resolve(vllmQuickStart()), apiKeyRef("sk-old"), settings());
        PodTemplateSpec after = QuickStartPodRenderer.render(Fixtures.resolve(vllmQuickStart()), apiKeyRef("sk-new"), settings());

        assertThat(after.getMetadata().getAnnotations().get("modeldeploy.io/api-key-digest"))
                .isNotEqualTo(before.getMetadata().getAnnotations().get("modeldeploy.io/api-key-digest"));
    }

    @Test
    void renderingIsPureSameInputGivesEqualPods() {
        assertThat(render(vllmQuickStart())).isEqualTo(render(vllmQuickStart()));
    }
}
