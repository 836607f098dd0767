package io.modeldeploy.operator.autoscale;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The scaling loop: about once per {@code interval}, and at once when the gateway reports new demand at zero, it
 * samples every deployment in the {@link ScaleBook} (the gateway's figures, each ready engine's queue), decides,
 * and records the decision; a changed count wakes that deployment's reconcile, which applies it. Nothing is read
 * from the API server here, and with no deployment to scale a round does nothing and the gateway is not polled.
 */
public final class Autoscaler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Autoscaler.class);

    private final ScaleBook book;
    private final GatewayLoad gateway;
    private final EngineQueues engines;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "autoscaler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean roundQueued = new AtomicBoolean();

    public Autoscaler(ScaleBook book, GatewayLoad gateway, EngineQueues engines, Clock clock, Duration interval) {
        this.book = book;
        this.gateway = gateway;
        this.engines = engines;
        this.clock = clock;
        this.interval = interval;
        gateway.onNewDemand(this::roundNow);
    }

    public void start() {
        loop.scheduleWithFixedDelay(this::safeRound, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A round as soon as the loop is free (new demand at zero); rounds asked for meanwhile make one. */
    void roundNow() {
        if (roundQueued.compareAndSet(false, true)) {
            loop.execute(() -> {
                roundQueued.set(false);
                safeRound();
            });
        }
    }

    private void safeRound() {
        try {
            round();
        } catch (RuntimeException e) {
            LOG.warnf(e, "autoscaling round failed; the next one runs in %s", interval);
        }
    }

    /** One round over every deployment with spec.autoscaling. */
    void round() {
        if (book.isEmpty()) {
            gateway.wanted(false);
            return;
        }
        gateway.wanted(true);
        List<ScaleTarget> targets = book.targets();
        List<CompletableFuture<Load>> loads = new ArrayList<>();
        GatewayLoad.Snapshot snapshot = gateway.snapshot();
        for (ScaleTarget target : targets) {
            loads.add(load(target, snapshot.figures(target.key())));
        }
        for (int i = 0; i < targets.size(); i++) {
            ScaleTarget target = targets.get(i);
            Load load = loads.get(i).join();
            book.current(target.key()).ifPresent(current -> {
                ScaleDecider.Outcome outcome = ScaleDecider.decide(load, current.decision(), target.policy(),
                        clock.instant(), current.history());
                if (outcome.changed()) {
                    LOG.infof("%s: %s", target.key(), outcome.next().reason());
                }
                book.record(target.key(), outcome);
            });
        }
    }

    /** The gateway's figures and every ready engine's queue; an engine that does not answer makes it incomplete. */
    private CompletableFuture<Load> load(ScaleTarget target, GatewayLoad.Figures figures) {
        List<CompletableFuture<EngineQueue>> reads = target.engines().stream()
                .map(e -> engines.read(e).exceptionally(error -> {
                    LOG.debugf("%s: no queue from %s: %s", target.key(), e.instance(), error.getMessage());
                    return null;
                }))
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<EngineQueue> queues = reads.stream().map(CompletableFuture::join).toList();
            List<EngineQueue> answered = queues.stream().filter(q -> q != null).toList();
            return new Load(figures.inFlight(), figures.held(), answered,
                    figures.complete() && answered.size() == queues.size());
        });
    }

    @Override
    public void close() {
        loop.shutdownNow();
        gateway.wanted(false);
    }
}
