package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.modeldeploy.operator.Fixtures.API_KEY;
import static io.modeldeploy.operator.Fixtures.apiKeyRef;
import static io.modeldeploy.operator.Fixtures.settings;
import static io.modeldeploy.operator.Fixtures.sglangQuickStart;
import static org.assertj.core.api.Assertions.assertThat;

/** The pod of an SGLang quickStart instance (Fixtures.SGLANG_SPEC: Llama on 1 x L40S, served as llama). */
class SglangQuickStartPodTest {

    private static Container engineOf(ModelDeployment md) {
        return QuickStartPodRenderer.render(Fixtures.resolve(md), apiKeyRef(), settings()).getSpec().getContainers().get(0);
    }

    @Test
    void imageIsTheSglangRepositoryTaggedWithBackendVersion() {
        assertThat(engineOf(sglangQuickStart()).getImage()).isEqualTo("docker.io/lmsysorg/sglang:v0.4.6");
    }

    @Test
    void commandIsTheLauncherThatRunsTheLaunchServerModuleWithTheKeyFromEnv() {
        List<String> command = engineOf(sglangQuickStart()).getCommand();

        assertThat(command).hasSize(3).startsWith("python3", "-c");
        assertThat(command.get(2)).contains("os.environ.get(\"MODELDEPLOY_API_KEY\"")
                .contains("sys.argv += [\"--api-key\", key]")
                .contains("runpy.run_module(\"sglang.launch_server\", run_name=\"__main__\"")
                .contains("setLogRecordFactory");
    }

    @Test
    void argsNameTheModelPathServedNameHostPortTensorParallelAndMetricsButNotTheKey() {
        assertThat(engineOf(sglangQuickStart()).getArgs()).containsExactly(
                "--model-path", "meta-llama/Llama-3.1-8B-Instruct",
                "--served-model-name", "llama",
                "--host", "0.0.0.0",
                "--port", "30000",
                "--tp-size", "1",
                "--enable-metrics");
    }

    @Test
    void tensorParallelSizeFollowsTheGpuCount() {
        ModelDeployment md = sglangQuickStart();
        md.getSpec().getQuickStart().getResources().getGpu().setCount(4);

        assertThat(engineOf(md).getArgs()).containsSequence("--tp-size", "4");
    }

    @Test
    void containerPortIsSglangDefault30000NamedHttp() {
        assertThat(engineOf(sglangQuickStart()).getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(30000);
        });
    }

    @Test
    void theLaunchersKeyVariableComesFromTheSecret() {
        assertThat(engineOf(sglangQuickStart()).getEnv())
                .filteredOn(e -> e.getName().equals("MODELDEPLOY_API_KEY")).singleElement().satisfies(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("qwen-chat-api-key");
                    assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("apiKey");
                });
    }

    @Test
    void apiKeyValueAppearsNowhereInTheSerializedPod() {
        var pod = QuickStartPodRenderer.render(Fixtures.resolve(sglangQuickStart()), apiKeyRef(API_KEY), settings());

        assertThat(Serialization.asJson(pod)).doesNotContain(API_KEY);
    }

    @Test
    void readinessProbeGeneratesOneTokenOnHealthGenerate() {
        var readiness = engineOf(sglangQuickStart()).getReadinessProbe();

        assertThat(readiness.getHttpGet().getPath()).isEqualTo("/health_generate");
        assertThat(readiness.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
    }

    @Test
    void startupAndLivenessProbesAreOnHealth() {
        Container engine = engineOf(sglangQuickStart());

        assertThat(List.of(engine.getStartupProbe(), engine.getLivenessProbe()))
                .allSatisfy(p -> assertThat(p.getHttpGet().getPath()).isEqualTo("/health"));
    }

    @Test
    void l40sGpuTypeSelectsL40sNodes() {
        var pod = QuickStartPodRenderer.render(Fixtures.resolve(sglangQuickStart()), apiKeyRef(), settings());

        assertThat(pod.getSpec().getNodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.product", "NVIDIA-L40S"));
        assertThat(pod.getSpec().getContainers().get(0).getResources().getLimits())
                .containsEntry("nvidia.com/gpu", new Quantity("1"));
    }

    @Test
    void userBackendArgsAreAppendedAfterTheOperatorFlags() {
        ModelDeployment md = sglangQuickStart();
        md.getSpec().getQuickStart().setBackendArgs(List.of("--mem-fraction-static", "0.85"));

        assertThat(engineOf(md).getArgs()).endsWith("--enable-metrics", "--mem-fraction-static", "0.85");
    }

    @Test
    void userPortReplacesTheDefaultAndTheContainerPortFollows() {
        ModelDeployment md = sglangQuickStart();
        md.getSpec().getQuickStart().setBackendArgs(List.of("--port=8080"));

        Container engine = engineOf(md);
        assertThat(engine.getArgs()).containsSequence("--port", "8080").doesNotContain("30000");
        assertThat(engine.getPorts().get(0).getContainerPort()).isEqualTo(8080);
    }

    @Test
    void huggingFaceCacheGoesToTheModelVolume() {
        assertThat(engineOf(sglangQuickStart()).getEnv()).contains(new EnvVar("HF_HOME", "/models/.cache/huggingface", null));
    }

    @Test
    void fileModelUnderTheModelMountPathIsNotHiddenByAnEmptyVolume() {
        ModelDeployment md = sglangQuickStart();
        md.getSpec().getModel().setUri("file:///models/llama");

        Container engine = engineOf(md);
        assertThat(engine.getArgs()).containsSequence("--model-path", "/models/llama");
        assertThat(engine.getVolumeMounts()).noneMatch(m -> "/models/llama".startsWith(m.getMountPath() + "/"));
        assertThat(engine.getEnv()).extracting(EnvVar::getName).doesNotContain("HF_HOME");
    }
}
