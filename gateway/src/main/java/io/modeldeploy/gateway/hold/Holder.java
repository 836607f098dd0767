package io.modeldeploy.gateway.hold;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Holds the requests of a deployment that has no ready instance and serves them, in arrival order, once one is
 * ready. Woken by every rebuild of the routing snapshot (the pod informer sees the instance become Ready); a slow
 * periodic re-check is only a backstop. A held request that waits longer than the timeout is expired; one whose
 * client goes away is dropped and never forwarded.
 */
public final class Holder {
    /** The backstop: a held request is not stuck if some wake-up were ever missed. */
    static final Duration RECHECK = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final HoldQueue<HeldRequest> queue;
    private final Duration timeout;
    private final Predicate<String> anyReady;

    /** @param anyReady whether the deployment ({@code <namespace>/<name>}) has a ready instance now */
    public Holder(Vertx vertx, HoldQueue<HeldRequest> queue, Duration timeout, Predicate<String> anyReady) {
        this.vertx = vertx;
        this.queue = queue;
        this.timeout = timeout;
        this.anyReady = anyReady;
        vertx.setPeriodic(RECHECK.toMillis(), id -> wake());
    }

    /**
     * Holds a request of the deployment; call on the request's event loop.
     *
     * @param serve  runs once an instance is ready
     * @param expire runs when the timeout passes first
     * @return false when the deployment's queue is full (nothing is held)
     */
    public boolean hold(String deployment, HttpServerResponse response, Runnable serve, Runnable expire) {
        HeldRequest request = new HeldRequest(vertx.getOrCreateContext(), serve);
        Optional<HoldQueue.Ticket<HeldRequest>> held = queue.hold(deployment, request);
        if (held.isEmpty()) {
            return false;
        }
        HoldQueue.Ticket<HeldRequest> ticket = held.get();
        request.timer(vertx.setTimer(Math.max(1, timeout.toMillis()), id -> {
            if (queue.remove(ticket)) {
                expire.run();
            }
        }));
        response.closeHandler(v -> {
            if (queue.remove(ticket)) {
                vertx.cancelTimer(request.timer());
            }
        });
        // An instance may have become ready between the caller's look and the hold: its wake-up saw no queue.
        wake();
        return true;
    }

    /** Serves the held requests of every deployment that has a ready instance now. */
    public void wake() {
        for (String deployment : queue.waiting()) {
            if (anyReady.test(deployment)) {
                for (HoldQueue.Ticket<HeldRequest> ticket : queue.release(deployment)) {
                    vertx.cancelTimer(ticket.request().timer());
                    ticket.request().dispatch();
                }
            }
        }
    }
}
