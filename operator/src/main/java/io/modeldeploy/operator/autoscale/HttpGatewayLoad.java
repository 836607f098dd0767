package io.modeldeploy.operator.autoscale;

import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Long-polls {@code GET /modeldeploy/load?after=<generation>&waitMs=<ms>} on every gateway replica's management
 * port (the autoscaling contract): each answer is the replica's current figures, and the next request waits for a
 * new demand at zero or {@code waitMs}, whichever comes first. So the scaler hears of a request held at zero at
 * once and still gets figures about once per {@code waitMs}. Asynchronous: no thread waits on a replica.
 */
public final class HttpGatewayLoad implements GatewayLoad {
    private static final Logger LOG = Logger.getLogger(HttpGatewayLoad.class);
    static final String PATH = "/modeldeploy/load";
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration RESOLVE_EVERY = Duration.ofSeconds(10);

    private final GatewayReplicas replicas;
    private final Duration wait;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<URI, Poller> pollers = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean wanted;
    private Instant resolvedAt = Instant.MIN;

    /** @param wait how long a replica may hold a poll open (the contract's waitMs, at most 5 s) */
    public HttpGatewayLoad(GatewayReplicas replicas, Duration wait, Clock clock) {
        this.replicas = replicas;
        this.wait = wait;
        this.clock = clock;
    }

    @Override
    public void onNewDemand(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void wanted(boolean wanted) {
        this.wanted = wanted;
        if (!wanted) {
            pollers.clear(); // each poller sees it is no longer listed and stops after its request
            resolvedAt = Instant.MIN;
            return;
        }
        Instant now = clock.instant();
        if (resolvedAt.plus(RESOLVE_EVERY).isAfter(now)) {
            return;
        }
        resolvedAt = now;
        List<URI> current = replicas.resolve();
        pollers.keySet().retainAll(current);
        for (URI replica : current) {
            pollers.computeIfAbsent(replica, r -> {
                Poller p = new Poller(r);
                p.poll();
                return p;
            });
        }
    }

    @Override
    public Snapshot snapshot() {
        if (replicas.configured() == 0) {
            return new Snapshot(0, List.of());
        }
        Instant freshFrom = clock.instant().minus(wait.multipliedBy(2)).minus(Duration.ofSeconds(2));
        List<GatewayReport> fresh = new ArrayList<>();
        List<Poller> all = new ArrayList<>(pollers.values());
        for (Poller p : all) {
            Received r = p.last;
            if (r != null && r.at().isAfter(freshFrom)) {
                fresh.add(r.report());
            }
        }
        return new Snapshot(Math.max(all.size(), replicas.configured()), fresh);
    }

    private record Received(GatewayReport report, Instant at) {
    }

    /** One replica's chain of polls; it ends when the replica is no longer listed (gone, or polling not wanted). */
    private final class Poller {
        private final URI base;
        private volatile Received last;

        Poller(URI base) {
            this.base = base;
        }

        private boolean listed() {
            return wanted && pollers.get(base) == this;
        }

        void poll() {
            Received previous = last;
            String query = "?waitMs=" + wait.toMillis() + (previous == null ? "" : "&after=" + previous.report().generation());
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + PATH + query))
                    .timeout(wait.plusSeconds(2)).GET().build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error == null && response.statusCode() == 200) {
                    try {
                        GatewayReport report = GatewayReport.parse(response.body());
                        last = new Received(report, clock.instant());
                        if (previous != null && report.generation() != previous.report().generation()) {
                            listeners.forEach(Runnable::run);
                        }
                        next(Duration.ZERO);
                        return;
                    } catch (LoadUnavailable e) {
                        error = e;
                    }
                }
                LOG.debugf("gateway replica %s: no load report (%s)", base,
                        error != null ? error.getMessage() : "status " + response.statusCode());
                next(RETRY);
            });
        }

        private void next(Duration after) {
            if (!listed()) {
                return;
            }
            if (after.isZero()) {
                poll();
            } else {
                CompletableFuture.runAsync(this::poll, CompletableFuture.delayedExecutor(after.toMillis(), TimeUnit.MILLISECONDS));
            }
        }
    }
}
