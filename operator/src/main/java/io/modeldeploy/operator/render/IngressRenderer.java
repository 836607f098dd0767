package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.modeldeploy.operator.api.v1alpha1.IngressExposure;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.Optional;

/** An Ingress for {@code spec.exposure.ingress}, routing every path of the host to the Service. */
public final class IngressRenderer {
    private IngressRenderer() {
    }

    public static Optional<Ingress> render(ModelDeployment md) {
        var exposure = md.getSpec().getExposure();
        if (exposure == null || exposure.getIngress() == null) {
            return Optional.empty();
        }
        IngressExposure spec = exposure.getIngress();
        IngressBuilder ingress = new IngressBuilder()
                .withApiVersion("networking.k8s.io/v1")
                .withKind("Ingress")
                .withMetadata(Owners.ownedMetadata(md, md.getMetadata().getName(), "inference"))
                .withNewSpec()
                .withIngressClassName(spec.getClassName())
                .addNewRule().withHost(spec.getHost()).withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService()
                .withName(md.getMetadata().getName()).withNewPort().withName("http").endPort()
                .endService().endBackend().endPath()
                .endHttp().endRule()
                .endSpec();
        if (spec.getTlsSecretName() != null) {
            ingress.editSpec().addNewTl().withHosts(spec.getHost()).withSecretName(spec.getTlsSecretName()).endTl().endSpec();
        }
        return Optional.of(ingress.build());
    }
}
