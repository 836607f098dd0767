package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.modeldeploy.operator.deployment.IngressSpec;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.util.Optional;

/** An Ingress for {@code spec.exposure.ingress}, routing every path of the host to the Service. */
public final class IngressRenderer {
    private IngressRenderer() {
    }

    public static Optional<Ingress> render(ResolvedDeployment d) {
        return d.ingress().map(spec -> render(d, spec));
    }

    private static Ingress render(ResolvedDeployment d, IngressSpec spec) {
        IngressBuilder ingress = new IngressBuilder()
                .withApiVersion("networking.k8s.io/v1")
                .withKind("Ingress")
                .withMetadata(Owners.ownedMetadata(d.ref(), d.name(), "inference"))
                .withNewSpec()
                .withIngressClassName(spec.className().orElse(null))
                .addNewRule().withHost(spec.host()).withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
                .withName(d.name()).withNewPort().withName("http").endPort()
                .endService().endBackend().endPath()
                .endHttp().endRule()
                .endSpec();
        spec.tlsSecretName().ifPresent(tls ->
                ingress.editSpec().addNewTl().withHosts(spec.host()).withSecretName(tls).endTl().endSpec());
        return ingress.build();
    }
}
