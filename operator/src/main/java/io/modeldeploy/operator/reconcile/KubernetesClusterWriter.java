package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ClusterWriter} on the operator's Kubernetes client: creates and server-side applies as the operator's field
 * manager.
 */
@Singleton
final class KubernetesClusterWriter implements ClusterWriter {
    private static final Logger LOG = Logger.getLogger(KubernetesClusterWriter.class);
    static final String FIELD_MANAGER = "modeldeploy-operator";
    private static final String FINALIZER_MANAGER = "modeldeploy-operator-finalizer";

    private final KubernetesClient client;
    private final GroupPodApi groupPods;
    private final FieldManagedCreate creates;
    private final OwnCreates ownCreates;

    KubernetesClusterWriter(KubernetesClient client, OwnCreates ownCreates) {
        this.client = client;
        this.ownCreates = ownCreates;
        this.groupPods = GroupPodApi.of(client);
        this.creates = new FieldManagedCreate(client, FIELD_MANAGER);
    }

    @Override
    public void apply(HasMetadata desired) {
        LOG.infof("applying %s %s/%s", desired.getKind(), desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        HasMetadata applied = serverSideApply(desired);
        // Once per object, at its first change after the create: then the apply again can remove what it left out.
        if (ApplyHandover.handOver(applied, FIELD_MANAGER, handoverCalls(desired))) {
            serverSideApply(desired);
        }
    }

    /** The handover's two calls on the object {@code desired} names. */
    private ApplyHandover.Api handoverCalls(HasMetadata desired) {
        return new ApplyHandover.Api() {
            @Override
            public void replaceManagedFields(HasMetadata current, List<ManagedFieldsEntry> managedFields) {
                List<Map<String, Object>> patch = List.of(
                        Map.of("op", "test", "path", "/metadata/resourceVersion", "value",
                                current.getMetadata().getResourceVersion()),
                        Map.of("op", "replace", "path", "/metadata/managedFields", "value", managedFields));
                client.resource(current).patch(PatchContext.of(PatchType.JSON),
                        client.getKubernetesSerialization().asJson(patch));
            }

            @Override
            public Optional<HasMetadata> reread() {
                return Optional.ofNullable(client.resource(desired).get());
            }
        };
    }

    private HasMetadata serverSideApply(HasMetadata desired) {
        return client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    @Override
    public Optional<HasMetadata> createIfAbsent(HasMetadata desired) {
        LOG.infof("creating %s %s/%s", desired.getKind(), desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        Optional<HasMetadata> created = creates.create(desired);
        if (created.isPresent()) {
            ownCreates.created(created.get());
            return Optional.empty();
        }
        HasMetadata existing = client.resource(desired).get();
        if (existing == null) {
            throw new KubernetesClientException(desired.getKind() + " " + desired.getMetadata().getName()
                    + " was deleted while it was being created; trying again");
        }
        return Optional.of(existing);
    }

    @Override
    public void delete(HasMetadata resource) {
        client.resource(resource).delete();
    }

    @Override
    public void addFinalizer(ModelDeployment md, String finalizer) {
        // Only the finalizer, as its own field manager: finalizers are a set, so others' entries stay.
        ModelDeployment patch = new ModelDeployment();
        patch.setMetadata(new ObjectMetaBuilder().withName(md.getMetadata().getName())
                .withNamespace(md.getMetadata().getNamespace()).withFinalizers(finalizer).build());
        client.resource(patch).fieldManager(FINALIZER_MANAGER).forceConflicts().serverSideApply();
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }

    @Override
    public GroupPodApi groupPods() {
        return groupPods;
    }
}
