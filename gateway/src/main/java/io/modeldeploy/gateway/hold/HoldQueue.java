package io.modeldeploy.gateway.hold;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Requests waiting for a deployment's first ready instance, per deployment, in arrival order, at most
 * {@code maxPerDeployment} each (thread-safe: requests arrive on several event loops, instances become ready on the
 * informers' thread). Each time a deployment's queue goes from empty to non-empty, {@code onNewDemand} runs: the
 * operator must learn at once that a deployment at zero is asked for.
 *
 * @param <T> what the caller needs to serve a request once it is released
 */
public final class HoldQueue<T> {
    private final int maxPerDeployment;
    private final LongSupplier nanoClock;
    private final Runnable onNewDemand;
    private final Map<String, LinkedHashSet<Ticket<T>>> queues = new HashMap<>();

    public HoldQueue(int maxPerDeployment, LongSupplier nanoClock, Runnable onNewDemand) {
        this.maxPerDeployment = maxPerDeployment;
        this.nanoClock = nanoClock;
        this.onNewDemand = onNewDemand;
    }

    /** One held request; identity is the entry (the same request held twice is two tickets). */
    public static final class Ticket<T> {
        private final String deployment;
        private final T request;
        private final long heldSinceNanos;

        private Ticket(String deployment, T request, long heldSinceNanos) {
            this.deployment = deployment;
            this.request = request;
            this.heldSinceNanos = heldSinceNanos;
        }

        public String deployment() {
            return deployment;
        }

        public T request() {
            return request;
        }
    }

    /** Holds the request at the end of its deployment's queue; empty when that queue is full. */
    public Optional<Ticket<T>> hold(String deployment, T request) {
        boolean first;
        Ticket<T> ticket;
        synchronized (this) {
            LinkedHashSet<Ticket<T>> queue = queues.computeIfAbsent(deployment, d -> new LinkedHashSet<>());
            if (queue.size() >= maxPerDeployment) {
                return Optional.empty();
            }
            first = queue.isEmpty();
            ticket = new Ticket<>(deployment, request, nanoClock.getAsLong());
            queue.add(ticket);
        }
        if (first) {
            onNewDemand.run();
        }
        return Optional.of(ticket);
    }

    /** Takes a request out (its client left, or it waited too long); false if it was released or removed already. */
    public synchronized boolean remove(Ticket<T> ticket) {
        LinkedHashSet<Ticket<T>> queue = queues.get(ticket.deployment);
        if (queue == null || !queue.remove(ticket)) {
            return false;
        }
        if (queue.isEmpty()) {
            queues.remove(ticket.deployment);
        }
        return true;
    }

    /** Takes every request of the deployment out, in arrival order, to be served. */
    public synchronized List<Ticket<T>> release(String deployment) {
        LinkedHashSet<Ticket<T>> queue = queues.remove(deployment);
        return queue == null ? List.of() : new ArrayList<>(queue);
    }

    /** The deployments with at least one held request. */
    public synchronized Set<String> waiting() {
        return Set.copyOf(queues.keySet());
    }

    public synchronized int held(String deployment) {
        LinkedHashSet<Ticket<T>> queue = queues.get(deployment);
        return queue == null ? 0 : queue.size();
    }

    /** How long the deployment's first request has waited; 0 when none is held. */
    public synchronized long oldestHeldMillis(String deployment) {
        LinkedHashSet<Ticket<T>> queue = queues.get(deployment);
        if (queue == null || queue.isEmpty()) {
            return 0;
        }
        return Math.max(0, (nanoClock.getAsLong() - queue.iterator().next().heldSinceNanos) / 1_000_000);
    }
}
