package io.modeldeploy.operator.render;

import org.junit.jupiter.api.Test;

import static io.modeldeploy.operator.Fixtures.settings;
import static io.modeldeploy.operator.Fixtures.settingsWithMirror;
import static org.assertj.core.api.Assertions.assertThat;

class RenderSettingsTest {

    @Test
    void versionGetsAVPrefixForTheTag() {
        assertThat(settings().image("docker.io/vllm/vllm-openai", "0.8.4")).isEqualTo("docker.io/vllm/vllm-openai:v0.8.4");
    }

    @Test
    void versionAlreadyStartingWithVIsKept() {
        assertThat(settings().image("docker.io/vllm/vllm-openai", "v0.8.4")).isEqualTo("docker.io/vllm/vllm-openai:v0.8.4");
    }

    @Test
    void mirrorReplacesTheRegistryHost() {
        assertThat(settingsWithMirror("registry.example.cn/mirror").image("docker.io/lmsysorg/sglang", "0.4.6"))
                .isEqualTo("registry.example.cn/mirror/lmsysorg/sglang:v0.4.6");
    }

    @Test
    void mirrorTrailingSlashIsIgnored() {
        assertThat(settingsWithMirror("registry.example.cn/mirror/").image("docker.io/vllm/vllm-openai", "0.8.4"))
                .isEqualTo("registry.example.cn/mirror/vllm/vllm-openai:v0.8.4");
    }

    @Test
    void mirrorIsPrefixedToARepositoryWithoutRegistryHost() {
        assertThat(settingsWithMirror("registry.example.cn").image("vllm/vllm-openai", "0.8.4"))
                .isEqualTo("registry.example.cn/vllm/vllm-openai:v0.8.4");
    }

    @Test
    void mirrorReplacesARegistryWithPortOrLocalhost() {
        assertThat(settingsWithMirror("m.example").image("localhost:5000/vllm/vllm-openai", "1"))
                .isEqualTo("m.example/vllm/vllm-openai:v1");
        assertThat(settingsWithMirror("m.example").image("localhost/vllm/vllm-openai", "1"))
                .isEqualTo("m.example/vllm/vllm-openai:v1");
    }
}
