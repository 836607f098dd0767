package io.modeldeploy.sim.platform.http;

/** A refusal a handler throws, already shaped as its vendor answers it; the router writes it unchanged. */
public final class SimError extends RuntimeException {
    private final SimResponse response;

    public SimError(SimResponse response) {
        super("HTTP " + response.status() + ": " + response.bodyText(), null, false, false);
        this.response = response;
    }

    public SimResponse response() {
        return response;
    }
}
