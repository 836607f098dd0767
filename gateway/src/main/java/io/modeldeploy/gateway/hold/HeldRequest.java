package io.modeldeploy.gateway.hold;

import io.vertx.core.Context;

/** A held client request: where it runs and how it goes on once an instance is ready. */
public final class HeldRequest {
    private final Context context;
    private final Runnable serve;
    private volatile long timer = -1;

    HeldRequest(Context context, Runnable serve) {
        this.context = context;
        this.serve = serve;
    }

    /** Serves it on its own event loop (its response belongs there). */
    void dispatch() {
        context.runOnContext(v -> serve.run());
    }

    long timer() {
        return timer;
    }

    void timer(long id) {
        timer = id;
    }
}
