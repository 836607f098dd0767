package io.modeldeploy.sim.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The leader side of a SIMULATED group protocol (our own, over HTTP; neither Ray's GCS nor torch's TCPStore):
 * members {@code POST /join} with a JSON body the {@link Admission} checks, then {@code POST /heartbeat}
 * {@code {"id"}}; {@code GET /members} lists them. A member whose heartbeats stop for the loss timeout is
 * dropped and reported; a heartbeat for an id the server does not know (it restarted) is a 404, so the
 * member learns it must join again.
 */
final class GroupServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupServer.class);
    static final ObjectMapper JSON = new ObjectMapper();

    /** Decides on a join. */
    @FunctionalInterface
    interface Admission {
        /** @return the member that joins; throws {@link Refused} when the leader would reject it */
        GroupMember admit(JsonNode join, Map<String, GroupMember> current) throws Refused;
    }

    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private final String name;
    private final HttpServer server;
    private final Admission admission;
    private final GroupTiming timing;
    private final Consumer<GroupMember> onLost;
    private final Map<String, GroupMember> members = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private final List<Runnable> onChange = new java.util.concurrent.CopyOnWriteArrayList<>();

    private GroupServer(String name, HttpServer server, Admission admission, GroupTiming timing,
                        Consumer<GroupMember> onLost) {
        this.name = name;
        this.server = server;
        this.admission = admission;
        this.timing = timing;
        this.onLost = onLost;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-reaper");
            t.setDaemon(true);
            return t;
        });
    }

    /** @throws IOException when the port cannot be bound (the real process exits) */
    static GroupServer start(String name, InetAddress bind, int port, Admission admission, GroupTiming timing,
                             Consumer<GroupMember> onLost) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 32);
        GroupServer server = new GroupServer(name, http, admission, timing, onLost);
        http.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name + "-http");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/", server::handle);
        http.start();
        long period = timing.heartbeat().toMillis();
        server.reaper.scheduleWithFixedDelay(server::reap, period, period, TimeUnit.MILLISECONDS);
        LOG.info("{} listening on {}:{} (simulated group protocol)", name, bind.getHostAddress(), port);
        return server;
    }

    Map<String, GroupMember> members() {
        return Map.copyOf(members);
    }

    /** The group's size: the members that joined and are alive, plus the node this server runs on. */
    int size() {
        return members.size() + 1;
    }

    /** Completes once the group has at least {@code n} nodes (checked after every join and loss). */
    CompletableFuture<Void> whenSize(int n) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        Runnable check = () -> {
            if (size() >= n) {
                reached.complete(null);
            }
        };
        onChange(check);
        check.run();
        return reached;
    }

    /** Runs after every join and loss (on a server thread). */
    void onChange(Runnable listener) {
        onChange.add(listener);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("POST") && path.equals("/join")) {
                join(exchange);
            } else if (method.equals("POST") && path.equals("/heartbeat")) {
                heartbeat(exchange);
            } else if (method.equals("GET") && path.equals("/members")) {
                reply(exchange, 200, JSON.createObjectNode().set("members", JSON.valueToTree(members.values())));
            } else {
                reply(exchange, 404, error("no such endpoint " + method + " " + path));
            }
        } catch (RuntimeException e) {
            LOG.warn("{} failed on {}", name, exchange.getRequestURI(), e);
        }
    }

    private void join(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        GroupMember member;
        List<GroupMember> replaced = new ArrayList<>();
        synchronized (this) {
            try {
                member = admission.admit(body, Map.copyOf(members));
            } catch (Refused refused) {
                LOG.warn("{} refused a join from {}: {}", name, body.path("ip").asText(), refused.getMessage());
                reply(exchange, 409, error(refused.getMessage()));
                return;
            }
            // A join from an address already in the group is a restarted member process: the old one is gone.
            members.values().stream().filter(m -> m.ip().equals(member.ip())).forEach(replaced::add);
            replaced.forEach(m -> {
                members.remove(m.id());
                lastSeen.remove(m.id());
            });
            members.put(member.id(), member);
            lastSeen.put(member.id(), Instant.now());
        }
        for (GroupMember old : replaced) {
            LOG.warn("{}: member {} ({}) joined again: its previous process is lost", name, old.id(), old.ip());
            onLost.accept(old);
        }
        LOG.info("{}: {} joined with {} GPUs ({} members)", name, member.ip(), member.gpus(), members.size());
        reply(exchange, 200, JSON.createObjectNode().put("id", member.id()));
        onChange.forEach(Runnable::run);
    }

    private void heartbeat(HttpExchange exchange) throws IOException {
        String id = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("id").asText("");
        if (members.containsKey(id)) {
            lastSeen.put(id, Instant.now());
            reply(exchange, 200, JSON.createObjectNode().put("id", id));
        } else {
            reply(exchange, 404, error("unknown member " + id));
        }
    }

    private void reap() {
        Instant cutoff = Instant.now().minus(timing.lossTimeout());
        List<GroupMember> lost = new ArrayList<>();
        synchronized (this) {
            lastSeen.forEach((id, seen) -> {
                if (seen.isBefore(cutoff)) {
                    lost.add(members.get(id));
                }
            });
            lost.forEach(m -> {
                members.remove(m.id());
                lastSeen.remove(m.id());
            });
        }
        for (GroupMember m : lost) {
            LOG.warn("{}: member {} ({}) sent no heartbeat for {}: lost", name, m.id(), m.ip(), timing.lossTimeout());
            onLost.accept(m);
        }
        if (!lost.isEmpty()) {
            onChange.forEach(Runnable::run);
        }
    }

    static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        reaper.shutdownNow();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
