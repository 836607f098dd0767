package io.modeldeploy.gateway.load;

import io.modeldeploy.gateway.catalog.Snapshot;
import io.modeldeploy.gateway.catalog.SnapshotBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.modeldeploy.gateway.catalog.Deployments.autoscaled;
import static io.modeldeploy.gateway.catalog.Deployments.served;
import static org.assertj.core.api.Assertions.assertThat;

/** The load endpoint behind a real local HTTP server, as the operator's scaler polls it. */
class LoadEndpointTest {
    private static final long WAIT_SECONDS = 10;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final GatewayLoad load = new GatewayLoad("gw-test", 4);
    private final Snapshot snapshot = SnapshotBuilder.build(List.of(autoscaled(served("ns", "chat", "chat"), null)),
            List.of(), List.of());
    private int port;

    @BeforeEach
    void start() throws Exception {
        Router router = Router.router(vertx);
        new LoadEndpoint(() -> snapshot, load, vertx).routes(router);
        port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").toCompletionStage()
                .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS).actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> poll(String query) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LoadEndpoint.PATH + query))
                .timeout(Duration.ofSeconds(WAIT_SECONDS)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(CompletableFuture<HttpResponse<String>> answer) throws Exception {
        HttpResponse<String> response = answer.get(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    @Test
    void aFirstPollIsAnsweredAtOnceWithTheFigures() throws Exception {
        JsonObject report = json(poll(""));

        assertThat(report.getString("gateway")).isEqualTo("gw-test");
        assertThat(report.getLong("generation")).isZero();
        assertThat(report.getJsonArray("deployments").getJsonObject(0).getString("name")).isEqualTo("chat");
    }

    @Test
    void aPollOnTheCurrentGenerationIsAnsweredWhenAQueueGoesFromEmptyToNonEmpty() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = poll("?after=0&waitMs=5000");
        awaitPollWaiting();
        assertThat(waiting).isNotDone();

        load.held().hold("ns/chat", null);

        JsonObject report = json(waiting);
        assertThat(report.getLong("generation")).isEqualTo(1);
        assertThat(report.getJsonArray("deployments").getJsonObject(0).getInteger("held")).isEqualTo(1);
    }

    @Test
    void aPollOnTheCurrentGenerationGetsTheFiguresAnywayAfterItsWait() throws Exception {
        load.held().hold("ns/chat", null);

        JsonObject report = json(poll("?after=1&waitMs=50"));

        assertThat(report.getLong("generation")).isEqualTo(1);
        assertThat(load.demand().waiting()).as("the finished poll waits no more").isZero();
    }

    @Test
    void aPollOnAnOlderGenerationIsAnsweredAtOnce() throws Exception {
        load.held().hold("ns/chat", null);

        assertThat(json(poll("?after=0&waitMs=5000")).getLong("generation")).isEqualTo(1);
    }

    @Test
    void badParametersAre400() throws Exception {
        assertThat(poll("?after=soon").get(WAIT_SECONDS, TimeUnit.SECONDS).statusCode()).isEqualTo(400);
    }

    private void awaitPollWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (load.demand().waiting() == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the poll never waited");
            }
            Thread.sleep(10);
        }
    }
}
