package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.Labels;

import java.net.HttpURLConnection;
import java.util.List;

/**
 * The pod calls of multi-node group management, read from the API server itself rather than a cache. Only pods the
 * deployment controls are ever listed, and so ever deleted: a pod someone else made, whatever its labels, is not
 * the operator's to touch (tenancy.md).
 */
interface GroupPodApi {
    /** The pods {@code ref} controls. */
    List<Pod> list(DeploymentRef ref);

    /**
     * Creates the pod; one that already exists under the same controller (a retried create) counts as created.
     *
     * @throws ResourceConflict when a pod of that name exists that this deployment does not control
     */
    void create(Pod pod);

    /** Deletes the pod; one already gone counts as deleted. */
    void delete(Pod pod);

    static GroupPodApi of(KubernetesClient client) {
        return new GroupPodApi() {
            @Override
            public List<Pod> list(DeploymentRef ref) {
                return client.pods().inNamespace(ref.namespace())
                        .withLabel(Labels.DEPLOYMENT, ref.name()).list().getItems().stream()
                        .filter(p -> ControllerOwner.is(p, ref.uid())).toList();
            }

            @Override
            public void create(Pod pod) {
                try {
                    client.resource(pod).create();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                        throw e;
                    }
                    Pod existing = client.pods().inNamespace(pod.getMetadata().getNamespace())
                            .withName(pod.getMetadata().getName()).get();
                    if (existing == null) {
                        throw e; // gone again since: the next reconcile creates it
                    }
                    if (!ControllerOwner.same(pod, existing)) {
                        throw new ResourceConflict(existing);
                    }
                }
            }

            @Override
            public void delete(Pod pod) {
                client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
            }
        };
    }
}
