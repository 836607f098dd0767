package io.modeldeploy.operator.deployment;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelLocationTest {

    @Test
    void huggingFaceUriGivesTheRepositoryIdAndNoClaim() {
        assertThat(ModelLocation.parse("hf://Qwen/Qwen2.5-7B-Instruct"))
                .isEqualTo(new ModelLocation("Qwen/Qwen2.5-7B-Instruct", Optional.empty()));
    }

    @Test
    void pvcUriGivesThePathUnderTheMountAndTheClaim() {
        assertThat(ModelLocation.parse("pvc://model-store/qwen/7b"))
                .isEqualTo(new ModelLocation("/models/qwen/7b", Optional.of("model-store")));
    }

    @Test
    void pvcUriWithoutPathServesTheClaimRoot() {
        assertThat(ModelLocation.parse("pvc://model-store")).isEqualTo(new ModelLocation("/models", Optional.of("model-store")));
    }

    @Test
    void fileUriGivesTheAbsolutePath() {
        assertThat(ModelLocation.parse("file:///opt/weights/qwen"))
                .isEqualTo(new ModelLocation("/opt/weights/qwen", Optional.empty()));
    }

    @Test
    void fileUriWithAHostPartIsRefusedRatherThanSilentlyLosingIt() {
        assertThatThrownBy(() -> ModelLocation.parse("file://opt/weights/qwen"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file:///abs/path");
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertThat(ModelLocation.parse("HF://org/model").engineModelArg()).isEqualTo("org/model");
    }

    @Test
    void uriWithoutSchemeIsRefused() {
        assertThatThrownBy(() -> ModelLocation.parse("Qwen/Qwen2.5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scheme");
    }

    @Test
    void unsupportedSchemeIsRefused() {
        assertThatThrownBy(() -> ModelLocation.parse("ftp://host/model")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ftp");
    }

    @Test
    void emptyHuggingFaceRepositoryIsRefused() {
        assertThatThrownBy(() -> ModelLocation.parse("hf://")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pvcWithoutClaimIsRefused() {
        assertThatThrownBy(() -> ModelLocation.parse("pvc:///path")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claim");
    }
}
