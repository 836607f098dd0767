package io.modeldeploy.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.modeldeploy.gateway.route.InFlight;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Prometheus metrics with bounded cardinality: labels are the deployment ({@code <namespace>/<name>}, or
 * {@code none} before a model resolved) and the status code, never a key, a client or a request.
 */
public final class GatewayMetrics {
    static final String NONE = "none";

    private final MeterRegistry registry;
    private final InFlight inFlight;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final Set<String> heldGauged = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, AtomicInteger> queued = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry, InFlight inFlight) {
        this.registry = registry;
        this.inFlight = inFlight;
    }

    public void answered(String deployment, int status, Duration latency) {
        Counter.builder("modeldeploy.gateway.requests").description("Requests answered, by deployment and status code")
                .tag("deployment", deployment).tag("code", Integer.toString(status)).register(registry).increment();
        if (!NONE.equals(deployment)) {
            Timer.builder("modeldeploy.gateway.request.duration").description("Time until the last byte was sent")
                    .tag("deployment", deployment).register(registry).record(latency);
        }
    }

    public void retried(String deployment) {
        Counter.builder("modeldeploy.gateway.retries")
                .description("Requests tried again on another instance before any byte reached the client")
                .tag("deployment", deployment).register(registry).increment();
    }

    public void firstByte(String deployment, Duration sinceRequest) {
        Timer.builder("modeldeploy.gateway.time.to.first.byte")
                .description("Time until the first byte of the answer (the first token, when streamed)")
                .tag("deployment", deployment).register(registry).record(sinceRequest);
    }

    public void tokens(String deployment, long prompt, long completion) {
        Counter.builder("modeldeploy.gateway.tokens").description("Tokens from the engines' usage")
                .tag("deployment", deployment).tag("kind", "prompt").register(registry).increment(prompt);
        Counter.builder("modeldeploy.gateway.tokens").description("Tokens from the engines' usage")
                .tag("deployment", deployment).tag("kind", "completion").register(registry).increment(completion);
    }

    /** Registers the in-flight and queued gauges of a deployment the first time it is seen. */
    public void track(String deployment) {
        if (gauged.add(deployment)) {
            Gauge.builder("modeldeploy.gateway.in.flight", inFlight.deployment(deployment), AtomicInteger::get)
                    .description("Requests in flight at this replica").tag("deployment", deployment).register(registry);
            Gauge.builder("modeldeploy.gateway.queued", queuedCounter(deployment), AtomicInteger::get)
                    .description("Requests waiting for an instance (an adapter not loaded yet)")
                    .tag("deployment", deployment).register(registry);
        }
    }

    /** Registers the held-requests gauge of an autoscaled deployment the first time one of its requests is held. */
    public void trackHeld(String deployment, Supplier<Number> held) {
        if (heldGauged.add(deployment)) {
            Gauge.builder("modeldeploy.gateway.held", held).description(
                    "Requests held until the autoscaled deployment has a ready instance").tag("deployment", deployment)
                    .register(registry);
        }
    }

    public AtomicInteger queuedCounter(String deployment) {
        return queued.computeIfAbsent(deployment, d -> new AtomicInteger());
    }
}
