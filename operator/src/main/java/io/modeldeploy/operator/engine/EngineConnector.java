package io.modeldeploy.operator.engine;

import io.modeldeploy.operator.api.v1alpha1.Backend;

/** Opens the run-time APIs of one pod; an interface so the reconciler's logic is tested without HTTP. */
public interface EngineConnector {
    EngineAdmin engine(String podIp, int port, Backend backend, EngineCredential credential);

    AdapterSidecar sidecar(String podIp, int port);
}
