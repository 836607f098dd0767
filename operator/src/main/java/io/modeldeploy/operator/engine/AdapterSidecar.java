package io.modeldeploy.operator.engine;

import java.util.Map;

/** The adapter-sync sidecar of one pod: which adapters are on the pod's filesystem. */
public interface AdapterSidecar {
    Map<String, SyncedAdapter> status() throws EngineUnavailable;
}
