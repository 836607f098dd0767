package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.util.Optional;

/** {@link ClusterWriter} on the operator's Kubernetes client: server-side apply as the operator's field manager. */
@Singleton
final class KubernetesClusterWriter implements ClusterWriter {
    private static final Logger LOG = Logger.getLogger(KubernetesClusterWriter.class);
    static final String FIELD_MANAGER = "modeldeploy-operator";

    private final KubernetesClient client;
    private final GroupPodApi groupPods;

    KubernetesClusterWriter(KubernetesClient client) {
        this.client = client;
        this.groupPods = GroupPodApi.of(client);
    }

    @Override
    public void apply(HasMetadata desired) {
        LOG.infof("applying %s %s/%s", desired.getKind(), desired.getMetadata().getNamespace(), desired.getMetadata().getName());
        client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    @Override
    public Optional<HasMetadata> current(HasMetadata desired) {
        return Optional.ofNullable(client.resource(desired).get());
    }

    @Override
    public void delete(HasMetadata resource) {
        client.resource(resource).delete();
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }

    @Override
    public Secret createOrGet(Secret secret) {
        try {
            return client.resource(secret).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return client.secrets().inNamespace(secret.getMetadata().getNamespace())
                        .withName(secret.getMetadata().getName()).get();
            }
            throw e;
        }
    }

    @Override
    public GroupPodApi groupPods() {
        return groupPods;
    }
}
