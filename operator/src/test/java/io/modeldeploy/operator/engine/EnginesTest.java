package io.modeldeploy.operator.engine;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry holds one engine per backend, each describing itself completely. */
class EnginesTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyBackendHasAnEngineThatSaysWhatItIs(Backend backend) {
        Engine engine = Engines.of(backend);

        assertThat(engine.backend()).isEqualTo(backend);
        assertThat(engine.defaultImageRepository()).isNotBlank();
        assertThat(engine.command()).isNotEmpty();
        assertThat(engine.readinessPath()).startsWith("/");
        assertThat(engine.livenessPath()).startsWith("/");
        assertThat(engine.adapterRoute("/load_lora_adapter")).endsWith("/load_lora_adapter");
        assertThat(engine.queueMetrics().running()).startsWith(backend.id() + ":");
        assertThat(engine.queueMetrics().waiting()).startsWith(backend.id() + ":");
        assertThat(engine.rendezvousPort().port()).isBetween(1, 65535);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anExpertContainerLaunchingAnEngineIsRecognisedAsThatEngine(Backend backend) {
        var container = new ContainerBuilder().withImage("registry.example/" + backend.id() + ":1").build();

        assertThat(Engines.running(container).backend()).isEqualTo(backend);
    }

    @Test
    void aContainerNoEngineRecognisesRunsTheFirstBackend() {
        var container = new ContainerBuilder().withImage("registry.example/llm:1").build();

        assertThat(Engines.running(container).backend()).isEqualTo(Backend.values()[0]);
    }
}
