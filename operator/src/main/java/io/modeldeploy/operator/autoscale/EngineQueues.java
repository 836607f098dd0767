package io.modeldeploy.operator.autoscale;

import java.util.concurrent.CompletableFuture;

/** Reads an engine instance's own queue; an interface so the scaling loop is tested without HTTP. */
public interface EngineQueues {
    /** Completes with the queue, or exceptionally when the engine did not answer or named neither gauge. */
    CompletableFuture<EngineQueue> read(EngineEndpoint endpoint);
}
