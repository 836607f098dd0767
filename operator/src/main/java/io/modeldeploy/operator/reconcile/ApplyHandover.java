package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

/**
 * Hands the fields a create recorded under the operator's {@code Update} entry to its {@code Apply} entry
 * ({@link ApplyOwnership}), on the object as it is at that moment. The patch tests the object's resourceVersion, so
 * that a write in between fails it rather than lose that writer's field owners; such a write is common (the
 * Deployment controller updates a Deployment's status milliseconds after its spec changes), so the object is read
 * again and the handover tried on it, a few times, before the failure goes to the reconcile.
 */
final class ApplyHandover {
    static final int ATTEMPTS = 5;
    /** What the API server answers when the patch's test of the resourceVersion fails. */
    private static final int TEST_FAILED = 422;

    /** The two calls a handover makes. */
    interface Api {
        /** Replaces the object's managed fields, if its resourceVersion is still {@code current}'s. */
        void replaceManagedFields(HasMetadata current, List<ManagedFieldsEntry> managedFields);

        /** The object as the API server has it now; empty when it is gone. */
        Optional<HasMetadata> reread();
    }

    private ApplyHandover() {
    }

    /**
     * @param applied what the API server answered to the operator's apply
     * @return whether fields were handed over, so that the apply must be sent again to remove what it left out
     */
    static boolean handOver(HasMetadata applied, String manager, Api api) {
        HasMetadata current = applied;
        for (int attempt = 1; ; attempt++) {
            Optional<List<ManagedFieldsEntry>> upgraded = ApplyOwnership.upgraded(current.getMetadata().getManagedFields(),
                    manager);
            if (upgraded.isEmpty()) {
                return attempt > 1;
            }
            try {
                api.replaceManagedFields(current, upgraded.get());
                return true;
            } catch (KubernetesClientException e) {
                if (!changedMeanwhile(e) || attempt == ATTEMPTS) {
                    throw e;
                }
            }
            String name = current.getMetadata().getName();
            current = api.reread().orElseThrow(() -> new KubernetesClientException(
                    name + " was deleted while its fields were handed to the operator's apply"));
        }
    }

    private static boolean changedMeanwhile(KubernetesClientException e) {
        return e.getCode() == TEST_FAILED || e.getCode() == HttpURLConnection.HTTP_CONFLICT;
    }
}
