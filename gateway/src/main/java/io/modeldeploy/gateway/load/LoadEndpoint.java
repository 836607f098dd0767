package io.modeldeploy.gateway.load;

import io.modeldeploy.gateway.catalog.Snapshot;
import io.modeldeploy.gateway.kube.ClusterWatch;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@code GET /modeldeploy/load?after=<generation>&waitMs=<ms>} on the management interface (never the client
 * port): the operator's scaler long-polls it. A caller that has not seen the current generation is answered at
 * once; one that has waits up to {@code waitMs} for a new demand at zero, then gets the current figures anyway.
 */
@ApplicationScoped
public class LoadEndpoint {
    public static final String PATH = "/modeldeploy/load";
    static final long DEFAULT_WAIT_MS = 1000;
    static final long MAX_WAIT_MS = 5000;

    private final Supplier<Snapshot> snapshot;
    private final GatewayLoad load;
    private final Vertx vertx;

    @Inject
    public LoadEndpoint(ClusterWatch cluster, GatewayLoad load, Vertx vertx) {
        this(cluster::snapshot, load, vertx);
    }

    LoadEndpoint(Supplier<Snapshot> snapshot, GatewayLoad load, Vertx vertx) {
        this.snapshot = snapshot;
        this.load = load;
        this.vertx = vertx;
    }

    void register(@Observes ManagementInterface management) {
        routes(management.router());
    }

    void routes(Router router) {
        router.get(PATH).handler(this::report);
    }

    private void report(RoutingContext ctx) {
        LoadPoll poll;
        try {
            poll = LoadPoll.of(ctx.queryParams().get("after"), ctx.queryParams().get("waitMs"), DEFAULT_WAIT_MS,
                    MAX_WAIT_MS);
        } catch (IllegalArgumentException e) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain").end(e.getMessage());
            return;
        }
        if (poll.after().isEmpty() || poll.waitMs() == 0) {
            answer(ctx);
            return;
        }
        Context context = vertx.getOrCreateContext();
        AtomicBoolean done = new AtomicBoolean();
        long[] timer = {-1};
        Runnable[] stopWaiting = {() -> {
        }};
        // Whichever ends the wait first (a bump, the wait's end, the poller leaving) clears the other two.
        Runnable finish = () -> {
            if (done.compareAndSet(false, true)) {
                vertx.cancelTimer(timer[0]);
                stopWaiting[0].run();
                context.runOnContext(v -> answer(ctx));
            }
        };
        timer[0] = vertx.setTimer(poll.waitMs(), id -> finish.run());
        stopWaiting[0] = load.demand().onChange(poll.after().getAsLong(), finish);
        if (done.get()) {
            // The wait ended while the waiter was being registered.
            stopWaiting[0].run();
        }
        ctx.response().closeHandler(v -> finish.run());
    }

    private void answer(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        LoadReport report = LoadReport.of(load.replicaId(), load.demand().value(), snapshot.get(),
                load.inFlight(), load.held());
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(report.toJson().encode());
    }
}
