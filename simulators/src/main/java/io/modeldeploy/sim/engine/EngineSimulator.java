package io.modeldeploy.sim.engine;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A SIMULATOR of one vLLM or SGLang engine process, for tests and the local harness: no model runs.
 * It serves, over real HTTP on the pod's address, what an operator and a client touch: health, model list,
 * OpenAI chat/completions with deterministic text (streamed or not), run-time LoRA load/unload, API-key
 * checks and Prometheus metrics, each following the flags the container was launched with, so wrong flags
 * show up as wrong behaviour. Like the real engines, the port is bound only once the "weights are loaded"
 * ({@link EngineOptions#loadDelay()}; connections are refused before), and adapters live in memory only:
 * a restart is {@link #close()} plus a new {@link #start}, which keeps the startup adapters and loses the rest.
 * A launch the real engine would reject (e.g. vLLM {@code --lora-modules} without {@code --enable-lora}, or a
 * port already in use) never starts serving; {@link #startupError()} says why.
 *
 * <p>A multi-node leader starts loading only once its group has formed ({@link #start(EngineLaunch, EngineOptions,
 * CompletionStage)}), and {@link #die} plays an engine whose peer (a Ray node, an NCCL rank) went away.
 */
public final class EngineSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EngineSimulator.class);
    /** uvicorn's default listen backlog (vLLM and SGLang serve through it): many clients may connect at once. */
    private static final int BACKLOG = 2048;

    static {
        // uvicorn sets TCP_NODELAY; the JDK's server does not by default, and its small writes (response headers,
        // then each streamed event) would then wait ~40 ms for the peer's delayed ACK on a kept-alive connection.
        // Read once per JVM by the JDK's server: set before the first server (engine or vendor simulator) starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        // uvicorn keeps any number of idle keep-alive connections (closing each after its idle timeout); the JDK's
        // server closes all but 200, which a client pooling more connections would meet as resets.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        }
    }
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final EngineLaunch launch;
    private final InetSocketAddress address;
    private final AtomicBoolean healthy = new AtomicBoolean(true);
    /** A hung engine: {@code /health} answers only once this is cleared (or after {@link #HEALTH_HANG_LIMIT}). */
    private volatile boolean healthHangs;
    private final EngineState state;
    private final Dialect dialect;
    private final String threadPrefix;

    private final Object lifecycle = new Object();
    private ScheduledExecutorService loader;
    private HttpServer server;
    private ExecutorService handlers;
    private boolean closed;
    private volatile String startupError;
    private volatile String deathReason;

    private EngineSimulator(EngineLaunch launch, EngineOptions options) {
        this.launch = launch;
        this.address = new InetSocketAddress(options.bindAddress(), launch.port());
        this.state = new EngineState(launch, options, healthy);
        this.dialect = Dialect.of(state);
        state.limitBatch(dialect.maxRunning());
        this.threadPrefix = "engine-sim-" + INSTANCES.incrementAndGet() + "-" + launch.kind().name().toLowerCase();
    }

    /**
     * Starts the engine. With a load delay, the port is bound only after the delay (connection refused before,
     * like an engine loading weights); without one, it is bound before this returns.
     */
    public static EngineSimulator start(EngineLaunch launch, EngineOptions options) {
        EngineSimulator engine = new EngineSimulator(launch, options);
        engine.beginLoading(options);
        return engine;
    }

    /**
     * Starts an engine that first waits for {@code groupFormed}: a multi-node engine loads its share of the
     * weights only once every node of its group has joined. A gate completing with a message is a start-up
     * check that failed (e.g. too few GPUs in the Ray cluster): the engine exits with it instead of loading.
     */
    public static EngineSimulator start(EngineLaunch launch, EngineOptions options,
                                        CompletionStage<Optional<String>> groupFormed) {
        EngineSimulator engine = new EngineSimulator(launch, options);
        groupFormed.whenComplete((problem, error) -> {
            if (engine.isClosed()) {
                return;
            }
            if (error != null) {
                engine.fail(error.toString());
            } else if (problem.isPresent()) {
                engine.fail(problem.get());
            } else {
                engine.beginLoading(options);
            }
        });
        return engine;
    }

    private void beginLoading(EngineOptions options) {
        if (options.loadDelay().isZero()) {
            finishLoading();
        } else {
            synchronized (lifecycle) {
                if (closed) {
                    return;
                }
                loader = Executors.newSingleThreadScheduledExecutor(daemon(threadPrefix + "-loader"));
                loader.schedule(this::finishLoading, options.loadDelay().toMillis(), TimeUnit.MILLISECONDS);
                loader.shutdown(); // the delayed load still runs; the thread ends after it
            }
        }
    }

    private boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
    }

    /**
     * The engine lost a peer it cannot run without (a Ray node of its placement group, an NCCL rank): as
     * the real engines do, it stays up but {@code /health} answers 503 from now on, so a liveness probe
     * makes the kubelet restart it. Fault injection cannot heal it.
     */
    public void die(String reason) {
        if (deathReason == null) {
            deathReason = reason;
            healthy.set(false);
            LOG.warn("{} engine simulator on {} died: {}", launch.kind(), address, reason);
        }
    }

    /** Why the engine died after it started, if it did ({@link #die}). */
    public Optional<String> deathReason() {
        return Optional.ofNullable(deathReason);
    }

    /** Port bound and answering. */
    public boolean isServing() {
        synchronized (lifecycle) {
            return server != null;
        }
    }

    /**
     * Waits until no delayed load is pending or running: after it, whether the engine serves no longer changes by
     * itself. True at once for an engine that loaded without delay or never began loading.
     */
    public boolean awaitLoadingEnded(Duration timeout) throws InterruptedException {
        ScheduledExecutorService pending;
        synchronized (lifecycle) {
            pending = loader;
        }
        return pending == null || pending.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the engine exited instead of serving, if it did. */
    public Optional<String> startupError() {
        return Optional.ofNullable(startupError);
    }

    /** bindAddress:port. */
    public InetSocketAddress address() {
        return address;
    }

    public EngineLaunch launch() {
        return launch;
    }

    /**
     * true: {@code /health} does not answer, as a hung engine's: a caller's timeout (the kubelet's probe: 1 s) runs
     * out. A request left waiting is answered once this is cleared, or after {@link #HEALTH_HANG_LIMIT}.
     */
    public void setHealthHangs(boolean hangs) {
        this.healthHangs = hangs;
    }

    /** Bounds a hung health check, so that no request thread waits for ever. */
    static final Duration HEALTH_HANG_LIMIT = Duration.ofSeconds(30);

    private void awaitHealthHang() {
        long deadline = System.nanoTime() + HEALTH_HANG_LIMIT.toNanos();
        while (healthHangs && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** false: {@code /health} (vLLM also {@code /ping}, SGLang also {@code /health_generate}) answer 503, as a wedged engine. */
    public void setHealthy(boolean healthy) {
        this.healthy.set(healthy && deathReason == null);
    }

    /** Fault: loading that adapter fails with this engine error message from now on; a null message clears it. */
    public void failAdapterLoads(String adapterName, String message) {
        state.adapters().failLoads(adapterName, message);
    }

    /** Requests that reached this engine process at {@code path} (e.g. {@code /v1/chat/completions}), whatever their key. */
    public long requestsReceived(String path) {
        return state.receivedCount(path);
    }

    /** Test pacing: streamed answers wait this long before each event after the first, as a real engine generates. */
    public void paceStreams(Duration gap) {
        state.streamGap(gap);
    }

    /**
     * Test pacing: every answer, whole or streamed, takes this long to generate (a streamed one spreads it over
     * its events), holding its batch slot meanwhile: with a small {@code --max-num-seqs} / {@code
     * --max-running-requests}, concurrent requests queue and the engine's waiting gauge shows them.
     */
    public void slowAnswers(Duration generationTime) {
        state.answerTime(generationTime == null || generationTime.isNegative() ? Duration.ZERO : generationTime);
    }

    /** Requests waiting for a batch slot now (the engine's queue gauge). */
    public int waitingRequests() {
        return state.batch().waiting();
    }

    /** The adapters this engine process holds now, in load order. */
    public Set<String> loadedAdapters() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(state.adapters().snapshot().keySet()));
    }

    /** Stops the engine and releases its port at once. */
    @Override
    public void close() {
        HttpServer stopping;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = server;
            server = null;
            if (loader != null) {
                loader.shutdownNow();
            }
        }
        if (stopping != null) {
            stopping.stop(0);
            handlers.shutdownNow();
            LOG.debug("{} engine simulator on {} stopped", launch.kind(), address);
        }
    }

    /** The end of "loading weights": the startup checks and adapters, then the port. */
    private void finishLoading() {
        Optional<String> problem = dialect.launchProblem().or(this::loadStartupAdapters);
        if (problem.isPresent()) {
            fail(problem.get());
            return;
        }
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            HttpServer bound;
            try {
                bound = HttpServer.create(address, BACKLOG);
            } catch (IOException e) {
                fail("cannot bind " + address + ": " + e.getMessage());
                return;
            }
            Router router = new Router(launch.apiKey(), dialect::guarded, state::received);
            router.add("GET", "/health", ex -> {
                awaitHealthHang();
                HttpIo.empty(ex, healthy.get() ? 200 : 503);
            });
            new OpenAiRoutes(state, dialect).addTo(router);
            if (launch.enableMetrics()) {
                router.add("GET", "/metrics",
                        ex -> HttpIo.text(ex, 200, PrometheusText.CONTENT_TYPE, dialect.renderMetrics()));
            }
            dialect.addRoutes(router);
            // uvicorn takes every request at once (asyncio): requests above the batch limit wait in the engine's
            // queue, not in the server's backlog, so every one needs a handler thread while it waits.
            handlers = Executors.newCachedThreadPool(daemon(threadPrefix + "-http"));
            bound.setExecutor(handlers);
            bound.createContext("/", router);
            bound.start();
            server = bound;
        }
        LOG.info("{} engine simulator serving {} as {} on {}", launch.kind(), launch.model(), launch.servedNames(), address);
    }

    /** Startup adapters load as the engine starts; one that fails stops the engine, as it does the real ones. */
    private Optional<String> loadStartupAdapters() {
        for (Map.Entry<String, String> adapter : launch.startupAdapters().entrySet()) {
            Optional<LoraRegistry.Refusal> refusal = state.adapters().load(adapter.getKey(), adapter.getValue());
            if (refusal.isPresent()) {
                return Optional.of(dialect.refusalMessage(refusal.get(), adapter.getKey(), adapter.getValue()));
            }
        }
        return Optional.empty();
    }

    private void fail(String message) {
        startupError = message;
        LOG.warn("{} engine simulator on {} exited at startup: {}", launch.kind(), address, message);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
