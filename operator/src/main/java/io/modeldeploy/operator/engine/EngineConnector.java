package io.modeldeploy.operator.engine;

/** Opens the run-time APIs of one pod; an interface so the reconciler's logic is tested without HTTP. */
public interface EngineConnector {
    EngineAdmin engine(String podIp, int port, Engine engine, EngineCredential credential);

    AdapterSidecar sidecar(String podIp, int port);
}
