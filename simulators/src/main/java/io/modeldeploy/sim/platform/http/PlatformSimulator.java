package io.modeldeploy.sim.platform.http;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The base of every SIMULATED vendor platform: what each one offers a test or the command line, whatever the vendor
 * (where it listens, its faults, the requests it received), and the wiring they all share. A vendor's simulator
 * binds its port through the constructor, builds its own store on {@link #faults()}, then calls
 * {@link #serve} once with its error shape, its credential check and its routes; every request then goes through
 * the same {@link Router}: route, injected faults, credentials, handler, recorded in {@link #requests()}. The
 * subclass holds only its vendor's contract.
 */
public abstract class PlatformSimulator implements AutoCloseable {
    private final Faults faults = new Faults();
    private final RequestLog requests = new RequestLog();
    private final SimHttpServer server;
    private final String apiPrefix;
    private final Clock clock;

    /**
     * Binds {@code bind} (port 0 picks a free port) without answering yet, so routes can know the simulator's own
     * URL; connections wait in the backlog until {@link #serve}.
     *
     * @param vendor    names the handler threads ({@code <vendor>-sim-N})
     * @param apiPrefix the vendor's documented base path, which {@link #apiBaseUrl()} appends
     * @param options   its clock stamps the request log
     */
    protected PlatformSimulator(InetSocketAddress bind, String vendor, String apiPrefix, SimOptions options) {
        this.server = SimHttpServer.bind(bind, vendor + "-sim");
        this.apiPrefix = apiPrefix;
        this.clock = options.clock();
    }

    /** Starts answering: the vendor's error shape and credential check around the routes it registers. Call once. */
    protected final void serve(ErrorShape errors, Router.Authenticator authenticator, Consumer<Router> routes) {
        try {
            Router router = new Router(errors, authenticator, faults, requests, clock);
            routes.accept(router);
            server.serve(router);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** {@code http://host:port}: what a provider's endpoint setting takes in place of the vendor's host. */
    public final String baseUrl() {
        return server.baseUrl();
    }

    /** The vendor's documented base URL on this simulator, e.g. {@code baseUrl() + "/api/serverless-infer/v1"}. */
    public final String apiBaseUrl() {
        return baseUrl() + apiPrefix;
    }

    /** The faults a test injects; the vendor's store reads its deployment faults here too. */
    public final Faults faults() {
        return faults;
    }

    public final RequestLog requests() {
        return requests;
    }

    /** Stops serving and frees the port at once. */
    @Override
    public void close() {
        server.close();
    }
}
