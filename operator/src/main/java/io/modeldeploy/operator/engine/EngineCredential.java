package io.modeldeploy.operator.engine;

/** The API key the operator presents to an engine; never printed, whatever logs a record by accident. */
public record EngineCredential(String value) {
    @Override
    public String toString() {
        return "EngineCredential[redacted]";
    }
}
