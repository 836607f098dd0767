package io.modeldeploy.gateway.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.Handler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The forwarder against real local HTTP servers standing in for engines: retries, relaying, cancellation. */
class ForwarderTest {
    private static final long WAIT_SECONDS = 10;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Object eventSignal = new Object();
    private final AtomicInteger retries = new AtomicInteger();
    /** Completed when the forwarder reports the first byte sent on to the client. */
    private final CompletableFuture<Void> firstByteRelayed = new CompletableFuture<>();

    private void event(String e) {
        synchronized (eventSignal) {
            events.add(e);
            eventSignal.notifyAll();
        }
    }

    /** Waits (bounded) until the forwarder has reported {@code expected}: it reports after the client has its answer. */
    private void awaitEvents(String... expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (eventSignal) {
            while (!events.containsAll(List.of(expected))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("forwarder events " + events + " lack some of " + List.of(expected));
                }
                eventSignal.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** An engine stand-in on a free port. */
    private int engine(Handler<HttpServerRequest> handler) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(handler);
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS)
                .actualPort();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The gateway side: every request goes to the given ports in order, one per attempt. */
    private int gateway(List<Integer> ports, boolean stream) throws Exception {
        return gateway(ports, stream, 60_000);
    }

    private int gateway(List<Integer> ports, boolean stream, long answerTimeoutMs) throws Exception {
        Forwarder forwarder = new Forwarder(vertx, vertx.createHttpClient(new HttpClientOptions()), 2000, answerTimeoutMs);
        HttpServer server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body ->
                forwarder.forward(req.response(), body, stream, false, new Forwarder.Exchange() {
                    @Override
                    public Optional<Upstream> next(Set<String> tried) {
                        return ports.stream().map(String::valueOf).filter(p -> !tried.contains(p)).findFirst()
                                .map(p -> Upstream.engine("127.0.0.1", Integer.parseInt(p), "/v1/chat/completions", "k", p));
                    }

                    @Override
                    public void attemptStarted(Upstream upstream) {
                        event("start " + upstream.instanceKey());
                    }

                    @Override
                    public void attemptFinished(Upstream upstream) {
                        event("finish " + upstream.instanceKey());
                    }

                    @Override
                    public void retrying() {
                        retries.incrementAndGet();
                    }

                    @Override
                    public void firstByte() {
                        firstByteRelayed.complete(null);
                    }

                    @Override
                    public void done(int status, Optional<Usage> usage) {
                        event("done " + status + usage.map(u -> " " + u.total()).orElse(""));
                    }

                    @Override
                    public void unreachable(String reason) {
                        req.response().setStatusCode(502).end(reason);
                    }

                    @Override
                    public void timedOut(String reason) {
                        req.response().setStatusCode(504).end(reason);
                    }
                })));
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS)
                .actualPort();
    }

    private HttpResponse<String> post(int port) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(WAIT_SECONDS)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Handler<HttpServerRequest> answering(int status, String body) {
        return req -> req.body().onSuccess(b -> req.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json").end(body));
    }

    @Test
    void aConnectionRefusedIsRetriedOnAnotherInstance() throws Exception {
        int dead = closedPort();
        int alive = engine(answering(200, "{\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":3}}"));

        HttpResponse<String> answer = post(gateway(List.of(dead, alive), false));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(retries).hasValue(1);
        awaitEvents("start " + dead, "finish " + dead, "start " + alive, "finish " + alive, "done 200 5");
    }

    @Test
    void a503BeforeAnyByteIsRetriedOnceAndASecond503IsPassedOn() throws Exception {
        int busy = engine(answering(503, "{\"error\":\"busy\"}"));
        int fine = engine(answering(200, "{}"));
        assertThat(post(gateway(List.of(busy, fine), false)).statusCode()).isEqualTo(200);

        int alsoBusy = engine(answering(503, "{\"error\":\"also busy\"}"));
        HttpResponse<String> passedOn = post(gateway(List.of(busy, alsoBusy), false));
        assertThat(passedOn.statusCode()).isEqualTo(503);
        assertThat(passedOn.body()).contains("also busy");
        assertThat(retries).hasValue(2);
    }

    /** An engine that takes the request and never answers; completes {@code closed} when the gateway gives up on it. */
    private int hung(CompletableFuture<Void> closed) throws Exception {
        return engine(req -> req.body().onSuccess(b -> req.connection().closeHandler(v -> closed.complete(null))));
    }

    @Test
    void aHungInstanceIsGivenUpAfterTheAnswerTimeoutAndRetriedOnAnother() throws Exception {
        CompletableFuture<Void> hungClosed = new CompletableFuture<>();
        int hung = hung(hungClosed);
        int alive = engine(answering(200, "{}"));

        HttpResponse<String> answer = post(gateway(List.of(hung, alive), false, 300));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(retries).hasValue(1);
        hungClosed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        awaitEvents("finish " + hung, "finish " + alive, "done 200");
    }

    @Test
    void aHungInstanceWithNoOtherToTryIsA504() throws Exception {
        CompletableFuture<Void> hungClosed = new CompletableFuture<>();
        int hung = hung(hungClosed);

        HttpResponse<String> answer = post(gateway(List.of(hung), false, 300));

        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(answer.body()).contains("did not answer within 300 ms");
        assertThat(retries).hasValue(0);
        hungClosed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void anOrdinaryErrorIsPassedOnWithoutRetry() throws Exception {
        AtomicInteger secondCalls = new AtomicInteger();
        int refusing = engine(answering(400, "{\"error\":\"bad request\"}"));
        int other = engine(req -> {
            secondCalls.incrementAndGet();
            answering(200, "{}").handle(req);
        });

        HttpResponse<String> answer = post(gateway(List.of(refusing, other), false));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("bad request");
        assertThat(secondCalls).hasValue(0);
    }

    @Test
    void nothingIsRetriedAfterTheFirstByte() throws Exception {
        AtomicInteger secondCalls = new AtomicInteger();
        int breaking = engine(req -> req.body().onSuccess(b -> {
            req.response().setChunked(true).putHeader("Content-Type", "text/event-stream")
                    .write("data: {\"choices\":[{\"delta\":{\"content\":\"par\"}}]}\n\n");
            // The engine dies mid-answer, once its first bytes have reached the client.
            firstByteRelayed.thenRun(() -> vertx.runOnContext(v -> req.connection().close()));
        }));
        int other = engine(req -> {
            secondCalls.incrementAndGet();
            answering(200, "{}").handle(req);
        });

        int port = gateway(List.of(breaking, other), true);
        assertThatThrownBy(() -> post(port)).isInstanceOf(IOException.class);
        assertThat(secondCalls).hasValue(0);
        assertThat(retries).hasValue(0);
    }

    @Test
    void aClientThatGoesAwayCancelsTheUpstreamRequest() throws Exception {
        CompletableFuture<Void> upstreamClosed = new CompletableFuture<>();
        CompletableFuture<Void> firstEventSent = new CompletableFuture<>();
        int endless = engine(req -> req.body().onSuccess(b -> {
            req.connection().closeHandler(v -> upstreamClosed.complete(null));
            req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            long timer = vertx.setPeriodic(20, t -> req.response().write("data: {\"choices\":[{}]}\n\n"));
            req.response().closeHandler(v -> vertx.cancelTimer(timer));
            firstEventSent.complete(null);
        }));
        int port = gateway(List.of(endless), true);

        HttpResponse<InputStream> streaming = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/chat/completions")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        firstEventSent.get(WAIT_SECONDS, TimeUnit.SECONDS);
        byte[] first = new byte[8];
        assertThat(streaming.body().read(first)).isPositive();
        streaming.body().close();

        upstreamClosed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        awaitEvents("finish " + endless);
    }

    @Test
    void streamedEventsPassThroughAndTheUsageChunkIsDropped() throws Exception {
        List<String> sent = new ArrayList<>(List.of("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\n",
                "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\n\n", "data: [DONE]\n\n"));
        int sse = engine(req -> req.body().onSuccess(b -> {
            req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            sent.forEach(req.response()::write);
            req.response().end();
        }));

        HttpResponse<String> answer = post(gateway(List.of(sse), true));

        assertThat(answer.body()).isEqualTo(sent.get(0) + sent.get(2));
        assertThat(answer.headers().firstValue("Content-Type")).contains("text/event-stream");
        awaitEvents("done 200 2");
    }
}
