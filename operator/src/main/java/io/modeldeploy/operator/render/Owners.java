package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.Labels;

import java.util.Map;

/** Metadata of an object the ModelDeployment owns: garbage-collected with it by the controller manager. */
public final class Owners {
    private Owners() {
    }

    public static OwnerReference controller(DeploymentRef ref) {
        return new OwnerReferenceBuilder()
                .withApiVersion(DeploymentRef.API_VERSION)
                .withKind(DeploymentRef.KIND)
                .withName(ref.name())
                .withUid(ref.uid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    public static ObjectMeta ownedMetadata(DeploymentRef ref, String name, String component) {
        return ownedMetadata(ref, name, Labels.of(ref, component));
    }

    public static ObjectMeta ownedMetadata(DeploymentRef ref, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(ref.namespace())
                .withLabels(labels)
                .withOwnerReferences(controller(ref))
                .build();
    }
}
