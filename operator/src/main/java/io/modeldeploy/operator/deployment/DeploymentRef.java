package io.modeldeploy.operator.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

/** Which ModelDeployment this is: what owner references, names, Events and status need of its metadata. */
public record DeploymentRef(String name, String namespace, String uid, Long generation) {
    public static final String API_VERSION = HasMetadata.getApiVersion(ModelDeployment.class);
    public static final String KIND = HasMetadata.getKind(ModelDeployment.class);

    public static DeploymentRef of(ModelDeployment md) {
        return new DeploymentRef(md.getMetadata().getName(), md.getMetadata().getNamespace(), md.getMetadata().getUid(),
                md.getMetadata().getGeneration());
    }
}
