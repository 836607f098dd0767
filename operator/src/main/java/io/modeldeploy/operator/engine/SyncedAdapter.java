package io.modeldeploy.operator.engine;

/**
 * One adapter as the adapter-sync sidecar reports it.
 *
 * @param state   {@code Downloading}, {@code Ready} or {@code Failed}
 * @param message why it failed, when it did
 */
public record SyncedAdapter(String state, String path, String message) {
    public boolean ready() {
        return "Ready".equalsIgnoreCase(state);
    }

    public boolean failed() {
        return "Failed".equalsIgnoreCase(state);
    }
}
