package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.HttpURLConnection;

/**
 * The API server refused a create because the namespace is being deleted, or is gone already. Garbage collection
 * removes a deployment's objects before the namespace's ModelDeployments go, so every reconcile in between would make
 * them again and be refused: such a refusal is waited out (the deployment goes with its namespace), never retried, put
 * in status or sent as an Event (which the namespace would refuse too).
 */
final class NamespaceBeingDeleted {
    /** The cause the API server's namespace lifecycle admission gives since Kubernetes 1.19. */
    static final String TERMINATING_CAUSE = "NamespaceTerminating";
    private static final String TERMINATING_MESSAGE = "because it is being terminated";

    private NamespaceBeingDeleted() {
    }

    static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException refused && refused.getStatus() != null
                    && (terminating(refused.getCode(), refused.getStatus()) || gone(refused.getCode(), refused.getStatus()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean terminating(int code, Status status) {
        if (code != HttpURLConnection.HTTP_FORBIDDEN) {
            return false;
        }
        boolean cause = status.getDetails() != null && status.getDetails().getCauses() != null
                && status.getDetails().getCauses().stream().anyMatch(c -> TERMINATING_CAUSE.equals(c.getReason()));
        return cause || (status.getMessage() != null && status.getMessage().contains(TERMINATING_MESSAGE));
    }

    /** The admission's answer once the namespace itself is gone: the namespace, not the object, is not found. */
    private static boolean gone(int code, Status status) {
        return code == HttpURLConnection.HTTP_NOT_FOUND && status.getDetails() != null
                && "namespaces".equals(status.getDetails().getKind());
    }
}
