package io.modeldeploy.sim.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Dispatches requests by exact path and method. The API-key check runs first, before routing, because
 * both engines check it in a middleware: an unknown path under a guarded prefix is a 401 without a key
 * and a 404 with one. Unknown paths and methods answer as FastAPI does.
 */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    @FunctionalInterface
    interface Route {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final Map<String, Map<String, Route>> routes = new HashMap<>();
    private final Optional<byte[]> keyDigest;
    private final Predicate<String> guardedPath;
    private final java.util.function.Consumer<String> received;

    /**
     * @param apiKey      the engine's key; empty leaves every path open
     * @param guardedPath which paths the engine's key middleware checks
     */
    Router(Optional<String> apiKey, Predicate<String> guardedPath) {
        this(apiKey, guardedPath, path -> {
        });
    }

    /** @param received told of every request's path before anything else (the simulator's own request count) */
    Router(Optional<String> apiKey, Predicate<String> guardedPath, java.util.function.Consumer<String> received) {
        this.keyDigest = apiKey.map(k -> sha256("Bearer " + k));
        this.guardedPath = guardedPath;
        this.received = received;
    }

    Router add(String method, String path, Route route) {
        routes.computeIfAbsent(path, p -> new HashMap<>()).put(method, route);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            received.accept(path);
            if (!method.equals("OPTIONS") && guardedPath.test(path) && !authorized(exchange)) {
                HttpIo.json(exchange, 401, Json.object().put("error", "Unauthorized"));
                return;
            }
            Map<String, Route> byMethod = routes.get(path);
            if (byMethod == null) {
                HttpIo.json(exchange, 404, Json.object().put("detail", "Not Found"));
                return;
            }
            Route route = byMethod.get(method);
            if (route == null) {
                HttpIo.json(exchange, 405, Json.object().put("detail", "Method Not Allowed"));
                return;
            }
            dispatch(exchange, route);
        } finally {
            exchange.close();
        }
    }

    private static void dispatch(HttpExchange exchange, Route route) throws IOException {
        try {
            route.handle(exchange);
        } catch (ApiError e) {
            HttpIo.json(exchange, e.status(), e.body());
        } catch (IOException e) {
            LOG.debug("client went away during {}: {}", exchange.getRequestURI(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("engine simulator failed on {}", exchange.getRequestURI(), e);
            HttpIo.json(exchange, 500, ApiError.openAi(500, "InternalServerError", e.toString()).body());
        }
    }

    /** Compares digests so the comparison takes the same time whatever the header holds. */
    private boolean authorized(HttpExchange exchange) {
        if (keyDigest.isEmpty()) {
            return true;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && MessageDigest.isEqual(keyDigest.get(), sha256(header));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
