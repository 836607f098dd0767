package io.modeldeploy.sim.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The member side of a SIMULATED group ({@link GroupServer}), on a thread of its own: resolve the leader's
 * name through the simulated cluster DNS, join, heartbeat. What happens when the leader cannot be reached,
 * refuses the join, or goes away after the join depends on the real process being played: a Ray worker in
 * the worker script's {@code until} loop tries again; an SGLang rank exits ({@link #exitReason()}).
 */
final class MemberLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemberLoop.class);

    /** How a member reacts to losing (or never reaching) its leader. */
    enum OnLoss { RETRY, EXIT }

    private final String name;
    private final String leaderHost;
    private final int leaderPort;
    private final ObjectNode joinBody;
    private final Resolver resolver;
    private final GroupTiming timing;
    private final OnLoss onLoss;
    private final Runnable onJoined;
    private final HttpClient http;
    private final Thread thread;
    private final AtomicInteger joinAttempts = new AtomicInteger();
    private volatile boolean joined;
    private volatile boolean closed;
    private volatile String exitReason;
    private volatile String lastProblem;

    MemberLoop(String name, String leaderHost, int leaderPort, ObjectNode joinBody, Resolver resolver,
               GroupTiming timing, OnLoss onLoss, Runnable onJoined) {
        this.name = name;
        this.leaderHost = leaderHost;
        this.leaderPort = leaderPort;
        this.joinBody = joinBody;
        this.resolver = resolver;
        this.timing = timing;
        this.onLoss = onLoss;
        this.onJoined = onJoined;
        this.http = HttpClient.newBuilder().connectTimeout(timing.heartbeat()).build();
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean joined() {
        return joined;
    }

    int joinAttempts() {
        return joinAttempts.get();
    }

    /** Why the member process exited, if it did. */
    Optional<String> exitReason() {
        return Optional.ofNullable(exitReason);
    }

    /** What went wrong last (unresolvable name, refused connection, refused join), for status views. */
    Optional<String> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    private void run() {
        try {
            while (!closed && exitReason == null) {
                Optional<String> id = join();
                if (id.isPresent()) {
                    joined = true;
                    lastProblem = null;
                    LOG.info("{}: joined {}:{} as {}", name, leaderHost, leaderPort, id.get());
                    onJoined.run();
                    String lost = heartbeatUntilLost(id.get());
                    joined = false;
                    if (closed) {
                        return;
                    }
                    lastProblem = lost;
                    if (onLoss == OnLoss.EXIT) {
                        exit(lost);
                        return;
                    }
                    LOG.warn("{}: {}; joining again", name, lost);
                }
                sleep(timing.retry());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One join attempt; empty when it should be tried again. */
    private Optional<String> join() throws InterruptedException {
        joinAttempts.incrementAndGet();
        Optional<InetAddress> leader = resolver.resolve(leaderHost);
        if (leader.isEmpty()) {
            lastProblem = "could not resolve " + leaderHost;
            LOG.debug("{}: {}", name, lastProblem);
            return Optional.empty();
        }
        try {
            HttpResponse<String> reply = post(leader.get(), "/join", joinBody);
            JsonNode body = GroupServer.JSON.readTree(reply.body());
            if (reply.statusCode() == 200) {
                return Optional.of(body.path("id").asText());
            }
            lastProblem = "leader " + leaderHost + " refused the join: " + body.path("error").asText(reply.body());
            if (reply.statusCode() == 409 && onLoss == OnLoss.EXIT) {
                exit(lastProblem);
            }
        } catch (IOException e) {
            lastProblem = "cannot reach " + leaderHost + ":" + leaderPort + " (" + e.getClass().getSimpleName() + ")";
            LOG.debug("{}: {}", name, lastProblem);
        }
        return Optional.empty();
    }

    /** @return why the leader counts as lost */
    private String heartbeatUntilLost(String id) throws InterruptedException {
        ObjectNode beat = GroupServer.JSON.createObjectNode().put("id", id);
        Instant lastAnswer = Instant.now();
        while (!closed) {
            sleep(timing.heartbeat());
            // Re-resolved every beat: a leader pod that was replaced has a new IP under the same name.
            Optional<InetAddress> leader = resolver.resolve(leaderHost);
            try {
                if (leader.isPresent()) {
                    int status = post(leader.get(), "/heartbeat", beat).statusCode();
                    if (status == 200) {
                        lastAnswer = Instant.now();
                        continue;
                    }
                    if (status == 404) {
                        return "leader " + leaderHost + " no longer knows this member (it restarted)";
                    }
                }
            } catch (IOException e) {
                // counted below: the leader is lost only after the loss timeout
            }
            if (Instant.now().isAfter(lastAnswer.plus(timing.lossTimeout()))) {
                return "leader " + leaderHost + " did not answer for " + timing.lossTimeout();
            }
        }
        return "closed";
    }

    private HttpResponse<String> post(InetAddress leader, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + leader.getHostAddress() + ":" + leaderPort + path))
                .timeout(timing.heartbeat().multipliedBy(2))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void exit(String why) {
        exitReason = why;
        LOG.warn("{}: process exits: {}", name, why);
    }

    private void sleep(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
