package io.modeldeploy.sim.group;

import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * SIMULATED SGLang node with {@code --node-rank >= 1}: it runs no OpenAI server. It joins rank 0's
 * rendezvous (resolving {@code --dist-init-addr} through the simulated cluster DNS, retrying until rank 0
 * answers), and once joined serves SGLang's "dummy health check server" on its {@code --host/--port}:
 * {@code GET /health}, {@code /health_generate} and {@code /ping} answer 200, anything else 404. When rank 0
 * refuses it or goes away, the process exits, as the real one does when its NCCL peer dies.
 */
final class SglangFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SglangFollower.class);
    private static final Set<String> HEALTH_PATHS = Set.of("/health", "/health_generate", "/ping");

    private final InetAddress bind;
    private final int port;
    private MemberLoop loop;
    private HttpServer health;
    private volatile String exitReason;
    private boolean closed;

    private SglangFollower(InetAddress bind, int port) {
        this.bind = bind;
        this.port = port;
    }

    static SglangFollower start(String leaderHost, int leaderPort, int rank, int nnodes, InetAddress podIp, int httpPort,
                                int gpus, Resolver resolver, GroupTiming timing) {
        SglangFollower follower = new SglangFollower(podIp, httpPort);
        var join = GroupServer.JSON.createObjectNode().put("rank", rank).put("nnodes", nnodes)
                .put("ip", podIp.getHostAddress()).put("gpus", gpus);
        follower.loop = new MemberLoop("sglang-rank" + rank + "-" + podIp.getHostAddress(), leaderHost, leaderPort, join,
                resolver, timing, MemberLoop.OnLoss.EXIT, follower::serveHealth);
        follower.loop.start();
        return follower;
    }

    MemberLoop loop() {
        return loop;
    }

    Optional<String> exitReason() {
        return Optional.ofNullable(exitReason).or(loop::exitReason);
    }

    private synchronized void serveHealth() {
        if (health != null || closed) {
            return;
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "sglang-dummy-health-" + bind.getHostAddress());
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/", exchange -> {
                try (exchange) {
                    boolean known = exchange.getRequestMethod().equals("GET")
                            && HEALTH_PATHS.contains(exchange.getRequestURI().getPath());
                    exchange.sendResponseHeaders(known ? 200 : 404, -1);
                }
            });
            server.start();
            health = server;
            LOG.info("sglang rank >= 1 on {}:{} serves the dummy health check server", bind.getHostAddress(), port);
        } catch (IOException e) {
            exitReason = "cannot bind the health server on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        loop.close();
        if (health != null) {
            health.stop(0);
            ((java.util.concurrent.ExecutorService) health.getExecutor()).shutdownNow();
            health = null;
        }
    }
}
