package io.modeldeploy.sim.platform.drun;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.sim.platform.PlatformHttp;
import io.modeldeploy.sim.platform.http.ManualClock;
import io.modeldeploy.sim.platform.http.SimOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DRunSimulatorTest {
    private static final Duration DEPLOY = Duration.ofSeconds(10);
    private static final Duration TRANSITION = Duration.ofSeconds(4);
    private static final Duration DELETE = Duration.ofSeconds(3);

    private final ManualClock clock = ManualClock.startingNow();
    private DRunSimulator sim;

    @BeforeEach
    void start() {
        sim = DRunSimulator.start(PlatformHttp.ephemeral(), "token-test", SimOptions.defaults().withClock(clock)
                .withDeployDelay(DEPLOY).withTransitionDelay(TRANSITION).withDeleteDelay(DELETE));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private PlatformHttp.Response call(String method, String path, String body) {
        return PlatformHttp.send(method, sim.apiBaseUrl() + path, body, "Authorization", "Bearer token-test");
    }

    private static String createBody(String name) {
        return "{\"name\":\"" + name + "\",\"modelId\":\"public/qwen2.5-7b-instruct\",\"region\":\"sh-02\","
                + "\"skuId\":\"sku-4090\",\"replicas\":1,\"paymentMethods\":\"PAY_AS_YOU_GO\",\"enableMetrics\":true}";
    }

    private JsonNode create(String name) {
        PlatformHttp.Response created = call("POST", "/model-serving", createBody(name));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json();
    }

    private JsonNode get(String id) {
        PlatformHttp.Response got = call("GET", "/model-serving/" + id, null);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        return got.json();
    }

    @Test
    void refusesMissingWrongAndNonBearerKeys() {
        PlatformHttp.Response none = PlatformHttp.send("GET", sim.apiBaseUrl() + "/model-serving", null);
        PlatformHttp.Response wrong = PlatformHttp.send("GET", sim.apiBaseUrl() + "/model-serving", null,
                "Authorization", "Bearer other");
        PlatformHttp.Response basic = PlatformHttp.send("GET", sim.apiBaseUrl() + "/model-serving", null,
                "Authorization", "Basic token-test");

        for (PlatformHttp.Response refused : List.of(none, wrong, basic)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("id").asText()).isEqualTo("UNAUTHENTICATED");
            assertThat(refused.json().get("message").asText()).isNotBlank();
        }
        assertThat(call("GET", "/model-serving", null).status()).isEqualTo(200);
    }

    @Test
    void aServingGoesDeployingThenRunning() {
        JsonNode created = create("qwen");
        String id = created.get("id").asText();
        assertThat(created.get("status").asText()).isEqualTo("DEPLOYING");
        assertThat(sim.userNamespace()).matches("u-[0-9a-f]{12}");
        assertThat(created.get("accessModelName").asText()).isEqualTo(sim.userNamespace() + "/qwen");
        assertThat(created.get("address").asText()).startsWith("https://sh-02.d.run");
        assertThat(created.get("modelName").asText()).isEqualTo("qwen2.5-7b-instruct");
        assertThat(created.get("creationTimestamp").asText()).endsWith("Z");

        clock.advance(DEPLOY);
        JsonNode running = get(id);
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.get("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void theListSearchesByNameOrFieldsAndPages() {
        create("llama-a");
        create("llama-b");
        create("other");

        JsonNode fuzzy = call("GET", "/model-serving?page.search=llama", null).json();
        assertThat(fuzzy.get("items").size()).isEqualTo(2);
        assertThat(fuzzy.at("/page/total").asInt()).isEqualTo(2);

        JsonNode exact = call("GET", "/model-serving?page.search=name%3Dllama-a", null).json();
        assertThat(exact.get("items").size()).isEqualTo(1);
        assertThat(exact.at("/items/0/name").asText()).isEqualTo("llama-a");

        JsonNode firstPage = call("GET", "/model-serving?page.page=1&page.pageSize=2", null).json();
        assertThat(firstPage.get("items").size()).isEqualTo(2);
        assertThat(firstPage.at("/items/0/name").asText()).as("newest first").isEqualTo("other");
        assertThat(call("GET", "/model-serving?page.pageSize=-1", null).json().get("items").size()).isEqualTo(3);
        assertThat(call("GET", "/model-serving?page.sort=name", null).json().at("/items/0/name").asText())
                .isEqualTo("llama-a");
    }

    @Test
    void scalingPatchesReplicasOfARunningServing() {
        String id = create("scaled").get("id").asText();

        PlatformHttp.Response tooEarly = call("PATCH", "/model-serving/" + id + "/replicas", "{\"replicas\":3}");
        assertThat(tooEarly.status()).isEqualTo(400);
        assertThat(tooEarly.json().get("id").asText()).isEqualTo("FAILED_PRECONDITION");

        clock.advance(DEPLOY);
        PlatformHttp.Response scaled = call("PATCH", "/model-serving/" + id + "/replicas", "{\"replicas\":3}");
        assertThat(scaled.status()).isEqualTo(200);
        assertThat(scaled.json().get("status").asText()).isEqualTo("SCALING");
        assertThat(scaled.json().get("replicas").asInt()).isEqualTo(3);
        clock.advance(TRANSITION);
        assertThat(get(id).get("status").asText()).isEqualTo("RUNNING");
    }

    @Test
    void stopAndStartActions() {
        String id = create("toggled").get("id").asText();
        clock.advance(DEPLOY);

        assertThat(call("POST", "/model-serving/" + id + "/actions", "{\"action\":\"STOP\"}")
                .json().get("status").asText()).isEqualTo("STOPPED");
        assertThat(call("POST", "/model-serving/" + id + "/actions", "{\"action\":\"START\"}")
                .json().get("status").asText()).isEqualTo("DEPLOYING");
        clock.advance(DEPLOY);
        assertThat(get(id).get("status").asText()).isEqualTo("RUNNING");

        PlatformHttp.Response bad = call("POST", "/model-serving/" + id + "/actions", "{\"action\":\"PAUSE\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("id").asText()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void deleteShowsDeletingThenAnswers404() {
        String id = create("doomed").get("id").asText();

        PlatformHttp.Response deleted = call("DELETE", "/model-serving/" + id, "{}");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("status").asText()).isEqualTo("DELETING");
        assertThat(get(id).get("status").asText()).isEqualTo("DELETING");

        clock.advance(DELETE);
        PlatformHttp.Response gone = call("GET", "/model-serving/" + id, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("id").asText()).isEqualTo("NOT_FOUND");
        assertThat(sim.services()).isEmpty();
    }

    @Test
    void namesAreValidatedAndUnique() {
        create("unique");

        PlatformHttp.Response duplicate = call("POST", "/model-serving", createBody("unique"));
        PlatformHttp.Response badName = call("POST", "/model-serving", createBody("Bad_Name"));
        PlatformHttp.Response noSku = call("POST", "/model-serving", createBody("nosku").replace("\"skuId\"", "\"x\""));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("id").asText()).isEqualTo("ALREADY_EXISTS");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(noSku.json().get("message").asText()).contains("skuId");
        assertThat(sim.services()).hasSize(1);
    }

    @Test
    void injectedFaultsAndAFailedDeployment() {
        sim.faults().failNext(503, 1).throttleNext("create", 1, Duration.ofSeconds(1));

        PlatformHttp.Response unavailable = call("GET", "/model-serving", null);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.json().get("id").asText()).isEqualTo("UNAVAILABLE");
        PlatformHttp.Response throttled = call("POST", "/model-serving", createBody("later"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("id").asText()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(throttled.header("Retry-After")).contains("1");
        assertThat(sim.services()).isEmpty();

        sim.faults().failNextDeployments(1);
        String id = create("later").get("id").asText();
        clock.advance(DEPLOY);
        assertThat(get(id).get("status").asText()).isEqualTo("FAILED");
        call("POST", "/model-serving/" + id + "/actions", "{\"action\":\"START\"}");
        clock.advance(DEPLOY);
        assertThat(get(id).get("status").asText()).as("the fault was for one deployment").isEqualTo("RUNNING");

        sim.faults().delayAll(Duration.ofMillis(250));
        long start = System.nanoTime();
        get(id);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }
}
