package io.modeldeploy.sim.platform.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server one simulator runs on. Handler threads are not bounded, because injected slow answers
 * sleep on them and must not hold up the other requests.
 */
public final class SimHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService handlers;
    private final InetSocketAddress address;

    private SimHttpServer(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
        this.address = server.getAddress();
    }

    /** Binds {@code bind} (port 0 = any free port) and starts serving at once. */
    public static SimHttpServer start(InetSocketAddress bind, String threadName, HttpHandler handler) {
        return bind(bind, threadName).serve(handler);
    }

    /**
     * Binds the port without serving yet, for a simulator whose routes need to know its own URL; connections
     * wait in the backlog until {@link #serve}.
     */
    public static SimHttpServer bind(InetSocketAddress bind, String threadName) {
        HttpServer server;
        try {
            server = HttpServer.create(bind, 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + bind, e);
        }
        AtomicInteger counter = new AtomicInteger();
        ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        return new SimHttpServer(server, handlers);
    }

    /** Starts answering with {@code handler}; call once. */
    public SimHttpServer serve(HttpHandler handler) {
        server.createContext("/", handler);
        server.start();
        return this;
    }

    /** The bound address, with the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code http://host:port}, with loopback standing in for a wildcard bind. */
    public String baseUrl() {
        InetAddress host = address.getAddress();
        if (host == null || host.isAnyLocalAddress()) {
            host = InetAddress.getLoopbackAddress();
        }
        String literal = host.getHostAddress();
        if (host instanceof Inet6Address) {
            literal = "[" + literal + "]";
        }
        return "http://" + literal + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
