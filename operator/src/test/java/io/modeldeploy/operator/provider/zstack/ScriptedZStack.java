package io.modeldeploy.operator.provider.zstack;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ZStack management node on 127.0.0.1 that answers what each test scripts, per {@code "METHOD /path"} (the path
 * under {@code /zstack/v1}, without query): each scripted reply is used once, in order, and the last one stays. The
 * login always succeeds with session {@link #SESSION}. Records every request.
 */
final class ScriptedZStack implements AutoCloseable {
    static final String SESSION = "5e551011aaaabbbbccccddddeeeeffff";

    record Reply(int status, String body) {
    }

    record Request(String method, String path, String query, Optional<String> jobUuid, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> script = new LinkedHashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    ScriptedZStack() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            String path = uri.getPath().replaceFirst("^/zstack/v1", "");
            requests.add(new Request(exchange.getRequestMethod(), path, uri.getQuery(),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Job-UUID")), body));
            Reply reply = path.equals("/accounts/login")
                    ? new Reply(200, "{\"inventory\":{\"uuid\":\"" + SESSION + "\"}}")
                    : next(exchange.getRequestMethod() + " " + path);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /** Scripts the next answers to {@code "METHOD /path"}. */
    synchronized ScriptedZStack on(String call, Reply... replies) {
        script.computeIfAbsent(call, k -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    private synchronized Reply next(String call) {
        Deque<Reply> replies = script.get(call);
        if (replies == null || replies.isEmpty()) {
            return new Reply(404, "no api mapping to " + call);
        }
        return replies.size() > 1 ? replies.poll() : replies.peek();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/zstack/v1");
    }

    /** Where a job scripted under {@code GET /api-jobs/<uuid>} is polled. */
    String jobLocation(String jobUuid) {
        return endpoint() + "/api-jobs/" + jobUuid;
    }

    List<Request> requests(String method, String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
        }
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
