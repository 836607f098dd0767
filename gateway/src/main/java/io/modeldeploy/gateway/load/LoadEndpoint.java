package io.modeldeploy.gateway.load;

import io.modeldeploy.gateway.kube.ClusterWatch;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.atomic.AtomicBoolean;

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

    private final ClusterWatch cluster;
    private final GatewayLoad load;
    private final Vertx vertx;

    public LoadEndpoint(ClusterWatch cluster, GatewayLoad load, Vertx vertx) {
        this.cluster = cluster;
        this.load = load;
        this.vertx = vertx;
    }

    void register(@Observes ManagementInterface management) {
        management.router().get(PATH).handler(this::report);
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
        AtomicBoolean answered = new AtomicBoolean();
        Runnable once = () -> {
            if (answered.compareAndSet(false, true)) {
                context.runOnContext(v -> answer(ctx));
            }
        };
        long timer = vertx.setTimer(poll.waitMs(), id -> once.run());
        Runnable stopWaiting = load.demand().onChange(poll.after().getAsLong(), () -> {
            vertx.cancelTimer(timer);
            once.run();
        });
        ctx.response().closeHandler(v -> {
            answered.set(true);
            vertx.cancelTimer(timer);
            stopWaiting.run();
        });
    }

    private void answer(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        LoadReport report = LoadReport.of(load.replicaId(), load.demand().value(), cluster.snapshot(),
                load.inFlight(), load.held());
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(report.toJson().encode());
    }
}
