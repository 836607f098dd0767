package io.modeldeploy.operator.provider.zstack;

import io.modeldeploy.operator.provider.LocalVendorServer;


import java.net.URI;
import java.util.ArrayDeque;
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

    private final LocalVendorServer server;
    private final Map<String, Deque<Reply>> script = new LinkedHashMap<>();

    ScriptedZStack() {
        server = LocalVendorServer.start(request -> {
            String path = path(request);
            Reply reply = path.equals("/accounts/login")
                    ? new Reply(200, "{\"inventory\":{\"uuid\":\"" + SESSION + "\"}}")
                    : next(request.method() + " " + path);
            return LocalVendorServer.Reply.of(reply.status(), reply.body());
        });
    }

    private static String path(LocalVendorServer.Request request) {
        return request.uri().getPath().replaceFirst("^/zstack/v1", "");
    }

    private static Request recorded(LocalVendorServer.Request request) {
        return new Request(request.method(), path(request), request.uri().getQuery(), request.header("X-Job-UUID"),
                request.body());
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
        return URI.create(server.origin() + "/zstack/v1");
    }

    /** Where a job scripted under {@code GET /api-jobs/<uuid>} is polled. */
    String jobLocation(String jobUuid) {
        return endpoint() + "/api-jobs/" + jobUuid;
    }

    List<Request> requests(String method, String path) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    List<Request> requests() {
        return server.requests().stream().map(ScriptedZStack::recorded).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
