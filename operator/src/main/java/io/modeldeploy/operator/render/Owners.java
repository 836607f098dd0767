package io.modeldeploy.operator.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.util.Map;

/** Metadata of an object the ModelDeployment owns: garbage-collected with it by the controller manager. */
public final class Owners {
    private Owners() {
    }

    public static OwnerReference controller(ModelDeployment md) {
        return new OwnerReferenceBuilder()
                .withApiVersion(md.getApiVersion())
                .withKind(md.getKind())
                .withName(md.getMetadata().getName())
                .withUid(md.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    public static ObjectMeta ownedMetadata(ModelDeployment md, String name, String component) {
        return ownedMetadata(md, name, Labels.of(md, component));
    }

    public static ObjectMeta ownedMetadata(ModelDeployment md, String name, Map<String, String> labels) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(md.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(controller(md))
                .build();
    }
}
