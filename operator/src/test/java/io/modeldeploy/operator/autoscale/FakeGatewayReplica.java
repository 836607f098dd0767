package io.modeldeploy.operator.autoscale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * One gateway replica's management port as the autoscaling contract describes it: {@code GET /modeldeploy/load}
 * answers at once when {@code after} is absent or behind, else waits for a bump up to {@code waitMs}.
 */
final class FakeGatewayReplica implements AutoCloseable {
    private final HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private long generation = 1;
    private String deployments = "[]";
    private CompletableFuture<Void> bumped = new CompletableFuture<>();

    FakeGatewayReplica(InetAddress address, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, port), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/modeldeploy/load", this::answer);
        server.start();
    }

    URI base() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The query strings received, in order. */
    List<String> queries() {
        return List.copyOf(queries);
    }

    synchronized void report(String deploymentsJson) {
        deployments = deploymentsJson;
    }

    /** New demand at zero: the generation moves and waiting polls answer. */
    void bump(String deploymentsJson) {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            deployments = deploymentsJson;
            generation++;
            waiting = bumped;
            bumped = new CompletableFuture<>();
        }
        waiting.complete(null);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        queries.add(query);
        Map<String, String> params = Arrays.stream(query == null ? new String[0] : query.split("&"))
                .map(p -> p.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
        CompletableFuture<Void> next;
        synchronized (this) {
            boolean behind = !params.containsKey("after") || Long.parseLong(params.get("after")) < generation;
            next = behind ? CompletableFuture.completedFuture(null) : bumped;
        }
        try {
            next.get(Math.min(5000, Long.parseLong(params.getOrDefault("waitMs", "1000"))), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // no bump within waitMs: the contract answers with the current figures anyway
        } catch (InterruptedException | ExecutionException e) {
            Thread.currentThread().interrupt();
        }
        String report;
        synchronized (this) {
            report = "{\"gateway\":\"fake\",\"generation\":" + generation + ",\"deployments\":" + deployments + "}";
        }
        byte[] body = report.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        bumped.complete(null);
    }
}
