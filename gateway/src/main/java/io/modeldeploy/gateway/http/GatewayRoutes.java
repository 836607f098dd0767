package io.modeldeploy.gateway.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.modeldeploy.gateway.GatewayConfig;
import io.modeldeploy.gateway.catalog.Autoscaled;
import io.modeldeploy.gateway.catalog.DeploymentView;
import io.modeldeploy.gateway.catalog.Instance;
import io.modeldeploy.gateway.catalog.Resolution;
import io.modeldeploy.gateway.catalog.Snapshot;
import io.modeldeploy.gateway.hold.Holder;
import io.modeldeploy.gateway.keys.KeyDigest;
import io.modeldeploy.gateway.kube.ClusterWatch;
import io.modeldeploy.gateway.kube.GatewayReplicas;
import io.modeldeploy.gateway.limit.Admission;
import io.modeldeploy.gateway.limit.RateLimiter;
import io.modeldeploy.gateway.load.GatewayLoad;
import io.modeldeploy.gateway.proxy.Forwarder;
import io.modeldeploy.gateway.proxy.Upstream;
import io.modeldeploy.gateway.proxy.Usage;
import io.modeldeploy.gateway.route.InFlight;
import io.modeldeploy.gateway.route.InstancePicker;
import io.modeldeploy.gateway.route.LeastInFlight;
import io.modeldeploy.gateway.route.PrefixHash;
import io.modeldeploy.gateway.route.PromptPrefix;
import io.modeldeploy.operator.api.v1alpha1.RoutingStrategy;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The OpenAI-compatible front door: {@code POST /v1/chat/completions}, {@code /v1/completions},
 * {@code /v1/embeddings} and {@code GET /v1/models}. Per request: key, model, limits, instance, forward.
 */
@ApplicationScoped
public class GatewayRoutes {
    static final List<String> OPERATIONS = List.of("/chat/completions", "/completions", "/embeddings");
    private static final long ADAPTER_POLL_MS = 100;

    /** Seconds a client whose request found the hold queue full is asked to wait. */
    static final int HOLD_FULL_RETRY_AFTER_SECONDS = 5;

    private final ClusterWatch cluster;
    private final GatewayConfig config;
    private final GatewayLoad load;
    private final InFlight inFlight;
    private final GatewayMetrics metrics;
    private final RateLimiter limiter;
    private final InstancePicker leastInFlight = new LeastInFlight(bound -> ThreadLocalRandom.current().nextInt(bound));
    private final InstancePicker prefixHash;
    private Vertx vertx;
    private Forwarder forwarder;
    private Holder holder;

    public GatewayRoutes(ClusterWatch cluster, GatewayConfig config, GatewayLoad load, GatewayReplicas replicas,
                         MeterRegistry registry) {
        this.cluster = cluster;
        this.config = config;
        this.load = load;
        this.inFlight = load.inFlight();
        this.metrics = new GatewayMetrics(registry, inFlight);
        this.limiter = new RateLimiter(io.github.bucket4j.TimeMeter.SYSTEM_NANOTIME, replicas::count);
        this.prefixHash = new PrefixHash(config.loadFactor(), leastInFlight);
    }

    void register(@Observes Router router, Vertx vertx) {
        this.vertx = vertx;
        this.holder = new Holder(vertx, load.held(), config.hold().timeout(), id -> cluster.snapshot().anyReady(id));
        cluster.onRebuild(holder::wake);
        this.forwarder = new Forwarder(vertx, vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setKeepAliveTimeout((int) Math.max(1, config.upstreamKeepAlive().toSeconds())).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(config.poolSize())),
                config.connectTimeout().toMillis(), config.upstreamTimeout().toMillis());
        router.get("/v1/models").handler(this::models);
        for (String operation : OPERATIONS) {
            router.post("/v1" + operation).handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                    .handler(ctx -> inference(ctx, operation));
        }
    }

    private void models(RoutingContext ctx) {
        long start = System.nanoTime();
        Optional<KeyDigest> key = ClientKey.of(ctx.request().getHeader("Authorization"));
        Snapshot snapshot = cluster.snapshot();
        if (key.isEmpty() || !snapshot.keys().known(key.get())) {
            fail(ctx, OpenAiError.unauthorized(), GatewayMetrics.NONE, start);
            return;
        }
        JsonArray data = new JsonArray();
        for (DeploymentView d : snapshot.deployments()) {
            if (d.key().isPresent() && snapshot.keys().matches(d.key().get(), key.get())) {
                for (String name : d.clientNames()) {
                    String id = snapshot.index().unique(name) ? name : d.namespace() + "/" + name;
                    data.add(new JsonObject().put("id", id).put("object", "model").put("owned_by", d.id()));
                }
            }
        }
        ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("object", "list").put("data", data).encode());
        metrics.answered(GatewayMetrics.NONE, 200, Duration.ofNanos(System.nanoTime() - start));
    }

    private void inference(RoutingContext ctx, String operation) {
        long start = System.nanoTime();
        Optional<KeyDigest> key = ClientKey.of(ctx.request().getHeader("Authorization"));
        if (key.isEmpty()) {
            fail(ctx, OpenAiError.unauthorized(), GatewayMetrics.NONE, start);
            return;
        }
        JsonObject request;
        try {
            request = ctx.body().asJsonObject();
        } catch (DecodeException | ClassCastException e) {
            request = null;
        }
        if (request == null || !(request.getValue("model") instanceof String model) || model.isEmpty()) {
            fail(ctx, OpenAiError.badRequest("The request body must be a JSON object with a 'model' string."),
                    GatewayMetrics.NONE, start);
            return;
        }
        Snapshot snapshot = cluster.snapshot();
        // A key no deployment has learns nothing, not even which model names exist.
        if (!snapshot.keys().known(key.get())) {
            fail(ctx, OpenAiError.unauthorized(), GatewayMetrics.NONE, start);
            return;
        }
        Resolution resolution = snapshot.index().resolve(model);
        if (resolution instanceof Resolution.Unknown) {
            fail(ctx, OpenAiError.modelNotFound(model), GatewayMetrics.NONE, start);
            return;
        }
        if (resolution instanceof Resolution.Ambiguous ambiguous) {
            fail(ctx, OpenAiError.badRequest("The model '" + model + "' is served in more than one namespace: "
                    + String.join(", ", ambiguous.candidates()) + "; send '<namespace>/" + model + "'."),
                    GatewayMetrics.NONE, start);
            return;
        }
        Resolution.Found found = (Resolution.Found) resolution;
        DeploymentView d = found.deployment();
        metrics.track(d.id());
        if (d.key().isEmpty() || !snapshot.keys().matches(d.key().get(), key.get())) {
            fail(ctx, OpenAiError.unauthorized(), d.id(), start);
            return;
        }
        String upstreamKey = snapshot.keys().value(d.key().get()).orElseThrow();
        Admission admission = limiter.admit(d.id(), d.limits());
        if (admission instanceof Admission.Refused refused) {
            ctx.response().putHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
            fail(ctx, OpenAiError.rateLimited("Rate limit reached for " + model + " (" + refused.reason()
                    + "); try again in " + refused.retryAfterSeconds() + " s."), d.id(), start);
            return;
        }
        boolean stream = Boolean.TRUE.equals(request.getValue("stream"));
        boolean wantsUsage = stream && request.getValue("stream_options") instanceof JsonObject options
                && Boolean.TRUE.equals(options.getValue("include_usage"));
        String prefix = d.strategy() == RoutingStrategy.PrefixHash ? PromptPrefix.of(request, config.prefixLength()) : "";
        request.put("model", found.engineModel());
        if (stream && !wantsUsage && !"/embeddings".equals(operation)) {
            JsonObject options = request.getValue("stream_options") instanceof JsonObject o ? o : new JsonObject();
            request.put("stream_options", options.put("include_usage", true));
        }
        Buffer body = request.toBuffer();
        route(ctx, new Request(d, found.engineModel(), operation, upstreamKey, prefix, body, stream, wantsUsage, start),
                adapterDeadline());
    }

    private record Request(DeploymentView deployment, String engineModel, String operation, String key, String prefix,
                           Buffer body, boolean stream, boolean wantsUsage, long start) {

        /** The same request against the deployment as the current snapshot sees it (e.g. the adapters held now). */
        Request at(Snapshot snapshot) {
            return snapshot.index().resolve(deployment.namespace() + "/" + engineModel) instanceof Resolution.Found f
                    && f.deployment().id().equals(deployment.id())
                    ? new Request(f.deployment(), engineModel, operation, key, prefix, body, stream, wantsUsage, start)
                    : this;
        }
    }

    private long adapterDeadline() {
        return System.nanoTime() + config.adapterWait().toNanos();
    }

    /**
     * Holds the request while its autoscaled deployment has no ready instance; waits (bounded) while an adapter is on
     * no ready instance yet; then forwards.
     */
    private void route(RoutingContext ctx, Request request, long deadline) {
        Snapshot snapshot = cluster.snapshot();
        Request r = request.at(snapshot);
        DeploymentView d = r.deployment();
        Optional<Autoscaled> scaling = d.managed().isPresent() ? Optional.empty()
                : snapshot.autoscaling(d).filter(Autoscaled::inCluster);
        if (scaling.isPresent() && !snapshot.anyReady(scaling.get().id())) {
            hold(ctx, r, scaling.get().id());
            return;
        }
        if (d.managed().isEmpty() && snapshot.candidates(d, r.engineModel()).isEmpty()) {
            boolean adapter = d.adapterFor(r.engineModel()).isPresent();
            if (adapter && System.nanoTime() < deadline && !ctx.response().closed()) {
                var queued = metrics.queuedCounter(d.id());
                queued.incrementAndGet();
                vertx.setTimer(ADAPTER_POLL_MS, t -> {
                    queued.decrementAndGet();
                    route(ctx, r, deadline);
                });
                return;
            }
            ctx.response().putHeader("Retry-After", "1");
            fail(ctx, OpenAiError.unavailable(adapter ? "No ready instance holds the adapter '" + r.engineModel()
                    + "' yet." : "No ready instance of " + d.id() + " yet."), d.id(), r.start());
            return;
        }
        forwarder.forward(ctx.response(), r.body(), r.stream(), r.wantsUsage(), new Forwarder.Exchange() {
            @Override
            public Optional<Upstream> next(Set<String> tried) {
                return upstream(r, tried);
            }

            @Override
            public void attemptStarted(Upstream upstream) {
                inFlight.start(d.id(), upstream.instanceKey());
            }

            @Override
            public void attemptFinished(Upstream upstream) {
                inFlight.finish(d.id(), upstream.instanceKey());
            }

            @Override
            public void retrying() {
                metrics.retried(d.id());
            }

            @Override
            public void firstByte() {
                metrics.firstByte(d.id(), Duration.ofNanos(System.nanoTime() - r.start()));
            }

            @Override
            public void done(int status, Optional<Usage> usage) {
                usage.ifPresent(u -> {
                    metrics.tokens(d.id(), u.promptTokens(), u.completionTokens());
                    limiter.charge(d.id(), d.limits(), u.total());
                });
                metrics.answered(d.id(), status, Duration.ofNanos(System.nanoTime() - r.start()));
            }

            @Override
            public void unreachable(String reason) {
                fail(ctx, OpenAiError.badGateway("No instance of " + d.id() + " could be reached (" + reason + ")."),
                        d.id(), r.start());
            }

            @Override
            public void timedOut(String reason) {
                fail(ctx, OpenAiError.gatewayTimeout("No instance of " + d.id() + " started its answer in time ("
                        + reason + ")."), d.id(), r.start());
            }
        });
    }

    /**
     * Holds a request of a deployment at zero (or still starting) until an instance is ready, the timeout passes, or
     * the client leaves.
     */
    private void hold(RoutingContext ctx, Request r, String owner) {
        metrics.trackHeld(owner, () -> load.held().held(owner));
        boolean held = holder.hold(owner, ctx.response(), () -> {
            if (!ctx.response().closed()) {
                route(ctx, r, adapterDeadline());
            }
        }, () -> {
            String why = Optional.ofNullable(cluster.snapshot().autoscaled().get(owner)).map(Autoscaled::readyMessage)
                    .filter(m -> !m.isBlank()).map(m -> ": " + m).orElse(" (it is still starting).");
            fail(ctx, OpenAiError.unavailable("No instance of " + owner + " became ready within "
                    + config.hold().timeout().toSeconds() + " s" + why), r.deployment().id(), r.start());
        });
        if (!held) {
            ctx.response().putHeader("Retry-After", Integer.toString(HOLD_FULL_RETRY_AFTER_SECONDS));
            fail(ctx, OpenAiError.unavailable("Too many requests are waiting for an instance of " + owner + " ("
                    + config.hold().maxPerDeployment() + "); try again in " + HOLD_FULL_RETRY_AFTER_SECONDS + " s."),
                    r.deployment().id(), r.start());
        }
    }

    private Optional<Upstream> upstream(Request r, Set<String> tried) {
        DeploymentView d = r.deployment();
        if (d.managed().isPresent()) {
            var target = d.managed().get();
            String vendorKey = d.id() + "@vendor";
            return tried.contains(vendorKey) ? Optional.empty() : Optional.of(Upstream.vendor(target.serviceUrl(),
                    r.operation(), target.authHeader(), target.authValue(r.key()), vendorKey));
        }
        List<Instance> candidates = new ArrayList<>(cluster.snapshot().candidates(d, r.engineModel()));
        candidates.removeIf(i -> tried.contains(i.key()));
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        InstancePicker picker = d.strategy() == RoutingStrategy.PrefixHash ? prefixHash : leastInFlight;
        return picker.pick(candidates, r.prefix(), i -> inFlight.instance(i.key()))
                .map(i -> Upstream.engine(i.host(), i.port(), "/v1" + r.operation(), r.key(), i.key()));
    }

    private void fail(RoutingContext ctx, OpenAiError error, String deployment, long start) {
        if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response().setStatusCode(error.status()).putHeader("Content-Type", "application/json").end(error.json());
        }
        metrics.answered(deployment, error.status(), Duration.ofNanos(System.nanoTime() - start));
    }
}
