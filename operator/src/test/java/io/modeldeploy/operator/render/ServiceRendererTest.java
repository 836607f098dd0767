package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.modeldeploy.operator.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.modeldeploy.operator.Fixtures.vllmQuickStart;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceRendererTest {

    @Test
    void serviceIsAClusterIpNamedAfterTheResource() {
        Service service = ServiceRenderer.render(Fixtures.resolve(vllmQuickStart()));

        assertThat(service.getMetadata().getName()).isEqualTo("qwen-chat");
        assertThat(service.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    }

    @Test
    void servicePortIs8000NamedHttpTargetingTheEnginePort() {
        // SGLang listens on 30000: the Service still answers on 8000.
        Service service = ServiceRenderer.render(Fixtures.resolve(Fixtures.sglangQuickStart()));

        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getPort()).isEqualTo(8000);
            assertThat(p.getTargetPort()).isEqualTo(new IntOrString(30000));
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
    }

    @Test
    void serviceSelectsTheDeploymentsPods() {
        assertThat(ServiceRenderer.render(Fixtures.resolve(vllmQuickStart())).getSpec().getSelector())
                .containsExactly(Map.entry("modeldeploy.io/deployment", "qwen-chat"));
    }

    @Test
    void serviceCarriesTheOperatorLabelsAndIsOwned() {
        Service service = ServiceRenderer.render(Fixtures.resolve(vllmQuickStart()));

        assertThat(service.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "modeldeploy-operator");
        assertThat(service.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getController()).isTrue());
    }
}
