package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Exposure;
import io.modeldeploy.operator.api.v1alpha1.IngressExposure;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.junit.jupiter.api.Test;

import static io.modeldeploy.operator.Fixtures.vllmQuickStart;
import static org.assertj.core.api.Assertions.assertThat;

class IngressRendererTest {

    static Exposure ingressExposure(String host, String className, String tlsSecretName) {
        IngressExposure ingress = new IngressExposure();
        ingress.setHost(host);
        ingress.setClassName(className);
        ingress.setTlsSecretName(tlsSecretName);
        Exposure exposure = new Exposure();
        exposure.setIngress(ingress);
        return exposure;
    }

    private static Ingress render(String host, String className, String tlsSecretName) {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setExposure(ingressExposure(host, className, tlsSecretName));
        return IngressRenderer.render(Fixtures.resolve(md)).orElseThrow();
    }

    @Test
    void noIngressWithoutExposure() {
        assertThat(IngressRenderer.render(Fixtures.resolve(vllmQuickStart()))).isEmpty();
    }

    @Test
    void noIngressWhenExposureHasNoIngress() {
        ModelDeployment md = vllmQuickStart();
        md.getSpec().setExposure(new Exposure());

        assertThat(IngressRenderer.render(Fixtures.resolve(md))).isEmpty();
    }

    @Test
    void ingressRoutesEveryPathOfTheHostToTheServiceHttpPort() {
        Ingress ingress = render("qwen.example.com", "nginx", null);

        assertThat(ingress.getMetadata().getName()).isEqualTo("qwen-chat");
        assertThat(ingress.getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isEqualTo("qwen.example.com");
            assertThat(rule.getHttp().getPaths()).singleElement().satisfies(path -> {
                assertThat(path.getPath()).isEqualTo("/");
                assertThat(path.getPathType()).isEqualTo("Prefix");
                assertThat(path.getBackend().getService().getName()).isEqualTo("qwen-chat");
                assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
            });
        });
    }

    @Test
    void ingressClassNameComesFromTheSpec() {
        assertThat(render("qwen.example.com", "nginx", null).getSpec().getIngressClassName()).isEqualTo("nginx");
    }

    @Test
    void ingressWithoutClassNameLeavesItToTheClusterDefault() {
        assertThat(render("qwen.example.com", null, null).getSpec().getIngressClassName()).isNull();
    }

    @Test
    void noTlsWithoutTlsSecretName() {
        assertThat(render("qwen.example.com", "nginx", null).getSpec().getTls()).isNullOrEmpty();
    }

    @Test
    void tlsForTheHostWhenTlsSecretNameIsGiven() {
        assertThat(render("qwen.example.com", "nginx", "qwen-tls").getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("qwen.example.com");
            assertThat(tls.getSecretName()).isEqualTo("qwen-tls");
        });
    }
}
