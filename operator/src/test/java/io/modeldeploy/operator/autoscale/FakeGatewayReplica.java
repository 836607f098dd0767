package io.modeldeploy.operator.autoscale;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    synchronized void bump(String deploymentsJson) {
        deployments = deploymentsJson;
        generation++;
        notifyAll();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        queries.add(query);
        long after = -1;
        long waitMs = 1000;
        for (String pair : query == null ? new String[0] : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals("after")) {
                after = Long.parseLong(kv[1]);
            } else if (kv[0].equals("waitMs")) {
                waitMs = Math.min(5000, Long.parseLong(kv[1]));
            }
        }
        byte[] body;
        synchronized (this) {
            long deadline = System.currentTimeMillis() + waitMs;
            while (after >= generation && System.currentTimeMillis() < deadline) {
                try {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            body = ("{\"gateway\":\"fake\",\"generation\":" + generation + ",\"deployments\":" + deployments + "}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        synchronized (this) {
            notifyAll();
        }
    }
}
