package io.modeldeploy.gateway.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Sends one client request upstream and relays the answer. A connection failure, a 502/503 answer, or no answer
 * within the upstream timeout (a hung engine), before any byte reached the client, is tried once more on another
 * instance; nothing is retried after the first byte. A client that goes away resets the upstream request, so the
 * engine stops generating for nobody.
 */
public final class Forwarder {
    static final int MAX_ATTEMPTS = 2;

    private final Vertx vertx;
    private final HttpClient client;
    private final long connectTimeoutMs;
    private final long answerTimeoutMs;

    /** @param answerTimeoutMs how long an upstream may take, once the request is sent, to start its answer */
    public Forwarder(Vertx vertx, HttpClient client, long connectTimeoutMs, long answerTimeoutMs) {
        this.vertx = vertx;
        this.client = client;
        this.connectTimeoutMs = connectTimeoutMs;
        this.answerTimeoutMs = Math.max(1, answerTimeoutMs);
    }

    /** What the caller decides and observes for one forwarded request. */
    public interface Exchange {
        /** The next upstream, avoiding the instances already tried; empty when none is left. */
        Optional<Upstream> next(Set<String> tried);

        void attemptStarted(Upstream upstream);

        void attemptFinished(Upstream upstream);

        /** The first attempt failed before any byte reached the client; another instance is tried. */
        void retrying();

        void firstByte();

        /** The answer (or the gateway's own error) is complete. */
        void done(int status, Optional<Usage> usage);

        /** No attempt could reach an upstream: the caller answers with its own error. */
        void unreachable(String reason);

        /** The last attempt's upstream did not start its answer in time: the caller answers with its own error. */
        void timedOut(String reason);
    }

    public void forward(HttpServerResponse response, Buffer body, boolean stream, boolean wantsUsage, Exchange exchange) {
        new Call(response, body, stream, wantsUsage, exchange).attempt(new HashSet<>(), 0);
    }

    private final class Call {
        private final HttpServerResponse response;
        private final Buffer body;
        private final boolean stream;
        private final boolean wantsUsage;
        private final Exchange exchange;
        private HttpClientRequest current;
        private boolean clientGone;
        private boolean complete;

        Call(HttpServerResponse response, Buffer body, boolean stream, boolean wantsUsage, Exchange exchange) {
            this.response = response;
            this.body = body;
            this.stream = stream;
            this.wantsUsage = wantsUsage;
            this.exchange = exchange;
            response.closeHandler(v -> {
                clientGone = true;
                if (!complete && current != null) {
                    current.reset();
                }
            });
        }

        void attempt(Set<String> tried, int n) {
            if (clientGone) {
                return;
            }
            Optional<Upstream> next = exchange.next(tried);
            if (next.isEmpty()) {
                exchange.unreachable(n == 0 ? "no instance" : "no other instance to retry on");
                return;
            }
            Upstream upstream = next.get();
            tried.add(upstream.instanceKey());
            exchange.attemptStarted(upstream);
            Once finished = new Once(() -> exchange.attemptFinished(upstream));
            client.request(upstream.options(connectTimeoutMs)).onComplete(opened -> {
                if (opened.failed()) {
                    finished.run();
                    retryOrFail(tried, n, "cannot connect to " + upstream.instanceKey());
                    return;
                }
                HttpClientRequest request = opened.result();
                current = request;
                if (clientGone) {
                    request.reset();
                    finished.run();
                    return;
                }
                boolean[] hung = {false};
                long timer = vertx.setTimer(answerTimeoutMs, id -> {
                    hung[0] = true;
                    request.reset();
                });
                request.send(body).onComplete(answered -> {
                    vertx.cancelTimer(timer);
                    if (answered.failed()) {
                        finished.run();
                        if (hung[0]) {
                            retryOrTimeOut(tried, n, upstream.instanceKey() + " did not answer within "
                                    + answerTimeoutMs + " ms");
                        } else {
                            retryOrFail(tried, n, "no answer from " + upstream.instanceKey());
                        }
                        return;
                    }
                    HttpClientResponse upstreamResponse = answered.result();
                    int status = upstreamResponse.statusCode();
                    if ((status == 502 || status == 503) && n + 1 < MAX_ATTEMPTS && !clientGone
                            && exchange.next(tried).isPresent()) {
                        // Nothing reached the client yet: drop this answer and try another instance.
                        upstreamResponse.body().onComplete(ignored -> finished.run());
                        exchange.retrying();
                        attempt(tried, n + 1);
                        return;
                    }
                    relay(upstreamResponse, finished);
                });
            });
        }

        private void relay(HttpClientResponse upstreamResponse, Once finished) {
            Relay.relay(upstreamResponse, response, stream, wantsUsage, exchange::firstByte, usage -> {
                complete = true;
                finished.run();
                exchange.done(upstreamResponse.statusCode(), usage);
            }, broken -> {
                finished.run();
                if (!complete) {
                    complete = true;
                    // Bytes may have reached the client already: nothing can be retried, the connection is cut.
                    response.reset();
                    exchange.done(upstreamResponse.statusCode(), Optional.empty());
                }
            });
        }

        private void retryOrFail(Set<String> tried, int n, String reason) {
            if (!retry(tried, n)) {
                exchange.unreachable(reason);
            }
        }

        private void retryOrTimeOut(Set<String> tried, int n, String reason) {
            // With no other instance, the client learns of the time-out, not of a missing instance.
            if (exchange.next(tried).isEmpty() || !retry(tried, n)) {
                exchange.timedOut(reason);
            }
        }

        private boolean retry(Set<String> tried, int n) {
            if (n + 1 < MAX_ATTEMPTS && !clientGone) {
                exchange.retrying();
                attempt(tried, n + 1);
                return true;
            }
            return false;
        }
    }

    /** Runs an action at most once (an attempt's end can be signalled by more than one callback). */
    private static final class Once implements Runnable {
        private Runnable action;

        Once(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            Runnable a = action;
            action = null;
            if (a != null) {
                a.run();
            }
        }
    }
}
