package io.modeldeploy.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.util.StdConverter;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * ModelDeployments reach the operator without {@code metadata.managedFields}. Two informers cache every deployment
 * (the reconciler's and the cleaner's), no flow reads those field sets, and the status's alone outweigh the rest of a
 * deployment. Done where the client reads them, not in the informers' stores: the framework shares one store among
 * the informers of all watched namespaces ({@link LeanItemStore}), which a store cannot be safe for.
 */
@Singleton
final class LeanModelDeployments implements KubernetesClientObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(ModelDeployment.class, WithoutManagedFields.class);
    }

    /** Jackson reads a ModelDeployment's metadata through this converter. */
    abstract static class WithoutManagedFields {
        @JsonDeserialize(converter = DropManagedFields.class)
        abstract void setMetadata(ObjectMeta metadata);
    }

    public static final class DropManagedFields extends StdConverter<ObjectMeta, ObjectMeta> {
        @Override
        public ObjectMeta convert(ObjectMeta metadata) {
            metadata.setManagedFields(null);
            return metadata;
        }
    }
}
