package io.modeldeploy.e2e.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A gateway's management port reduced to the load report of the autoscaling contract
 * ({@code GET /modeldeploy/load?after=&waitMs=}), with figures the test sets: the operator's scaler is pointed
 * at it ({@code modeldeploy.autoscaling.gateway-urls}) by {@link OperatorHarness}. Deployments the test never set
 * are not listed, as a gateway lists only deployments with spec.autoscaling.
 */
public final class GatewayLoadStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, int[]> figures = new LinkedHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    private long generation = 1;

    private GatewayLoadStub(HttpServer server) {
        this.server = server;
    }

    public static GatewayLoadStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            GatewayLoadStub stub = new GatewayLoadStub(server);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "gateway-load-stub");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/modeldeploy/load", stub::answer);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to configure as a gateway replica. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Load reports answered so far. */
    public long polls() {
        return polls.get();
    }

    /** Sets one deployment's figures; held requests where there were none is new demand: waiting polls answer. */
    public synchronized void report(String namespace, String name, int inFlight, int held) {
        int[] before = figures.put(namespace + "/" + name, new int[]{inFlight, held});
        if (held > 0 && (before == null || before[1] == 0)) {
            generation++;
            notifyAll();
        }
    }

    /** The deployment is no longer listed (as if the gateway did not know it). */
    public synchronized void forget(String namespace, String name) {
        figures.remove(namespace + "/" + name);
    }

    private void answer(HttpExchange exchange) throws IOException {
        long after = Long.MAX_VALUE;
        long waitMs = 1000;
        String query = exchange.getRequestURI().getQuery();
        boolean hasAfter = false;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if ("after".equals(kv[0])) {
                after = Long.parseLong(kv[1]);
                hasAfter = true;
            } else if ("waitMs".equals(kv[0])) {
                waitMs = Math.min(5000, Long.parseLong(kv[1]));
            }
        }
        byte[] body;
        synchronized (this) {
            long deadline = System.nanoTime() + waitMs * 1_000_000L;
            long left;
            while (hasAfter && after >= generation && (left = deadline - System.nanoTime()) > 0) {
                try {
                    wait(Math.max(1, left / 1_000_000L));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            ObjectNode report = JSON.createObjectNode().put("gateway", "stub").put("generation", generation);
            ArrayNode deployments = report.putArray("deployments");
            figures.forEach((key, f) -> deployments.addObject().put("namespace", key.substring(0, key.indexOf('/')))
                    .put("name", key.substring(key.indexOf('/') + 1)).put("inFlight", f[0]).put("held", f[1])
                    .put("oldestHeldMillis", 0));
            body = JSON.writeValueAsBytes(report);
        }
        polls.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
