package io.modeldeploy.gateway.hold;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The holder behind a real local HTTP server: clients wait, then are served in order, expire, or leave. */
class HolderTest {
    private static final long WAIT_SECONDS = 10;
    private static final String DEPLOYMENT = "ns/scaled";

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final List<String> served = new CopyOnWriteArrayList<>();
    private final HoldQueue<HeldRequest> queue = new HoldQueue<>(3, System::nanoTime, () -> {
    });
    /** What a snapshot rebuild does: serve the deployments that have a ready instance now. */
    private Runnable wake;

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A server that holds every request and answers 200 with its tag once served, 503 when it expires or is full. */
    private int server(Duration timeout) throws Exception {
        Holder holder = new Holder(vertx, queue, timeout, d -> ready.get());
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            String tag = req.getHeader("X-Tag");
            boolean held = holder.hold(DEPLOYMENT, req.response(), () -> {
                served.add(tag);
                req.response().end("served " + tag);
            }, () -> req.response().setStatusCode(503).end("expired " + tag));
            if (!held) {
                req.response().setStatusCode(503).putHeader("Retry-After", "5").end("full");
            }
        });
        this.wake = holder::wake;
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .get(WAIT_SECONDS, TimeUnit.SECONDS).actualPort();
    }

    private CompletableFuture<HttpResponse<String>> send(int port, String tag) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(WAIT_SECONDS)).header("X-Tag", tag).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (bounded) for a positive signal. */
    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private CompletableFuture<HttpResponse<String>> sendHeld(int port, String tag, int heldAfter) throws Exception {
        CompletableFuture<HttpResponse<String>> answer = send(port, tag);
        awaitTrue(heldAfter + " held", () -> queue.held(DEPLOYMENT) == heldAfter);
        return answer;
    }

    @Test
    void heldRequestsAreServedInArrivalOrderOnceAnInstanceIsReady() throws Exception {
        int port = server(Duration.ofMinutes(1));
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            answers.add(sendHeld(port, "r" + i, i));
        }
        wake.run();
        assertThat(served).as("no instance is ready yet").isEmpty();

        ready.set(true);
        wake.run();

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = answers.get(i).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("served r" + (i + 1));
        }
        assertThat(served).containsExactly("r1", "r2", "r3");
        assertThat(queue.waiting()).isEmpty();
    }

    @Test
    void aRequestHeldWhileAnInstanceIsAlreadyReadyIsServedWithoutAnotherWakeUp() throws Exception {
        int port = server(Duration.ofMinutes(1));
        ready.set(true);

        HttpResponse<String> answer = send(port, "late").get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(answer.body()).isEqualTo("served late");
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        int port = server(Duration.ofMinutes(1));
        for (int i = 1; i <= 3; i++) {
            sendHeld(port, "r" + i, i);
        }

        HttpResponse<String> refused = send(port, "r4").get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        assertThat(queue.held(DEPLOYMENT)).isEqualTo(3);
    }

    @Test
    void aRequestHeldPastTheTimeoutExpiresAndLeavesTheQueue() throws Exception {
        int port = server(Duration.ofMillis(200));

        HttpResponse<String> answer = send(port, "patient").get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("expired patient");
        assertThat(queue.held(DEPLOYMENT)).isZero();
        ready.set(true);
        wake.run();
        assertThat(served).isEmpty();
    }

    @Test
    void aClientThatLeavesWhileHeldIsRemovedAndNeverServed() throws Exception {
        int port = server(Duration.ofMinutes(1));
        CompletableFuture<HttpResponse<String>> stays = sendHeld(port, "stays", 1);
        try (Socket leaving = new Socket("127.0.0.1", port)) {
            OutputStream out = leaving.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\nX-Tag: leaves\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            awaitTrue("2 held", () -> queue.held(DEPLOYMENT) == 2);
        }
        awaitTrue("the leaving client removed", () -> queue.held(DEPLOYMENT) == 1);

        ready.set(true);
        wake.run();

        assertThat(stays.get(WAIT_SECONDS, TimeUnit.SECONDS).body()).isEqualTo("served stays");
        assertThat(served).containsExactly("stays");
    }
}
