package io.modeldeploy.operator.engine;

/** The engine or its sidecar did not answer (not started yet, restarting, network): try again later. */
public class EngineUnavailable extends Exception {
    public EngineUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineUnavailable(String message) {
        super(message);
    }
}
