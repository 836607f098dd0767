package io.modeldeploy.operator.reconcile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.util.StdConverter;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * The operator's client reads what the informers cache without the fields no flow reads, which with a thousand
 * deployments were most of the operator's heap (and of its parsing work on every pod event):
 * <ul>
 *   <li>a ModelDeployment's {@code metadata.managedFields}: two informers cache every deployment (the reconciler's
 *       and the cleaner's), and the status's field sets alone outweigh the rest of it;</li>
 *   <li>a Deployment's {@code spec.template}: a change of it is found by the desired-state digest annotation, and
 *       status by the Deployment's status;</li>
 *   <li>a Pod's spec but {@code nodeName}: status reads the pod's status and whether it is scheduled.</li>
 * </ul>
 * Only reading is affected: what the operator sends is written in full. Done where the client reads, not in the
 * informers' stores: the framework shares one store among the informers of all watched namespaces
 * ({@link LeanItemStore}), which a store cannot be safe for. Other kinds keep their managed fields, for the
 * {@link ApplyOwnership} hand-over.
 */
@Singleton
final class UnreadFields implements KubernetesClientObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(ModelDeployment.class, WithoutManagedFields.class);
        mapper.addMixIn(DeploymentSpec.class, WithoutTemplate.class);
        mapper.addMixIn(Pod.class, WithNodeNameOnly.class);
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

    /** Written, never read. */
    @JsonIgnoreProperties(value = "template", allowGetters = true)
    abstract static class WithoutTemplate {
    }

    abstract static class WithNodeNameOnly {
        @JsonDeserialize(using = NodeNameOnly.class)
        abstract void setSpec(PodSpec spec);
    }

    /** Reads a pod's spec as its {@code nodeName} alone, skipping the rest unparsed. */
    public static final class NodeNameOnly extends StdDeserializer<PodSpec> {
        public NodeNameOnly() {
            super(PodSpec.class);
        }

        @Override
        public PodSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            PodSpec spec = new PodSpec();
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                token = parser.nextToken();
            }
            for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                parser.nextToken();
                if ("nodeName".equals(field)) {
                    spec.setNodeName(parser.getValueAsString());
                } else {
                    parser.skipChildren();
                }
            }
            return spec;
        }
    }
}
