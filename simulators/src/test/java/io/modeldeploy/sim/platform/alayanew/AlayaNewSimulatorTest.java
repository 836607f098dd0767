package io.modeldeploy.sim.platform.alayanew;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.sim.platform.PlatformHttp;
import io.modeldeploy.sim.platform.http.ManualClock;
import io.modeldeploy.sim.platform.http.SimOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlayaNewSimulatorTest {
    private static final String AUTH = "plain Credential=ak-test,Signature=sk-test";
    private static final Duration DEPLOY = Duration.ofSeconds(10);
    private static final Duration TRANSITION = Duration.ofSeconds(4);

    private final ManualClock clock = ManualClock.startingNow();
    private AlayaNewSimulator sim;

    @BeforeEach
    void start() {
        sim = AlayaNewSimulator.start(PlatformHttp.ephemeral(), "ak-test", "sk-test",
                SimOptions.defaults().withClock(clock).withDeployDelay(DEPLOY).withTransitionDelay(TRANSITION));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private PlatformHttp.Response call(String method, String path, String body) {
        return PlatformHttp.send(method, sim.apiBaseUrl() + path, body, "Authorization", AUTH);
    }

    private static String quickStart(String name) {
        return """
                {"vksId":"vks-1","namespace":"team-a","name":"%s","servedName":["%s-served"],"modelId":"model-qwen",
                 "backend":"vllm","backendVersion":"0.9.0.1","backendArgs":[],
                 "resource":{"cpu":8,"mem":32,"gpu":{"gpuType":"nvidia.com/gpu-l40s","count":1}}}
                """.formatted(name, name);
    }

    private String create(String name) {
        PlatformHttp.Response created = call("POST", "/deployment", quickStart(name));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("code").asInt()).isZero();
        return created.json().at("/data/serviceId").asText();
    }

    private JsonNode detail(String serviceId) {
        PlatformHttp.Response got = call("GET", "/deployment/" + serviceId, null);
        assertThat(got.status()).isEqualTo(200);
        return got.json().get("data");
    }

    /** A LoRA service's detail as its page shows it: the service itself, no envelope. */
    private JsonNode loraDetail(String serviceId) {
        PlatformHttp.Response got = call("GET", "/deployment/" + serviceId, null);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().has("code")).as("no envelope").isFalse();
        return got.json();
    }

    private static List<Boolean> readiness(JsonNode detail) {
        List<Boolean> ready = new ArrayList<>();
        detail.get("instance").forEach(i -> ready.add(i.get("baseModelReady").asBoolean()));
        return ready;
    }

    @Test
    void refusesMissingWrongAndUnsignedCredentialsWithTheEnvelope() {
        PlatformHttp.Response none = PlatformHttp.send("GET", sim.apiBaseUrl() + "/deployment/list", null);
        PlatformHttp.Response wrongSecret = PlatformHttp.send("GET", sim.apiBaseUrl() + "/deployment/list", null,
                "Authorization", "plain Credential=ak-test,Signature=nope");
        PlatformHttp.Response bearer = PlatformHttp.send("GET", sim.apiBaseUrl() + "/deployment/list", null,
                "Authorization", "Bearer sk-test");

        for (PlatformHttp.Response refused : List.of(none, wrongSecret, bearer)) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json().get("code").asInt()).isEqualTo(-1);
            assertThat(refused.json().get("data").isNull()).isTrue();
            assertThat(refused.json().get("msg").asText()).isNotBlank();
        }
        assertThat(call("GET", "/deployment/list", null).status()).isEqualTo(200);
    }

    @Test
    void aQuickStartServiceGoesStartingThenRunningUnreadyThenReady() {
        String id = create("qwen");
        assertThat(id).startsWith("svc-");

        JsonNode starting = detail(id);
        assertThat(starting.get("status").asText()).isEqualTo("starting");
        assertThat(readiness(starting)).containsExactly(false);
        assertThat(starting.get("mode").asText()).isEqualTo("quickStart");
        assertThat(starting.at("/quickStart/backenArgs").isArray()).as("the docs' spelling").isTrue();
        assertThat(starting.get("apikey").asText()).startsWith("sk-sim-");
        assertThat(starting.get("serviceUrl").asText()).startsWith("https://");

        clock.advance(DEPLOY.dividedBy(2));
        JsonNode loading = detail(id);
        assertThat(loading.get("status").asText()).isEqualTo("running");
        assertThat(readiness(loading)).as("running, weights still loading").containsExactly(false);

        clock.advance(DEPLOY.dividedBy(2));
        JsonNode ready = detail(id);
        assertThat(ready.get("status").asText()).isEqualTo("running");
        assertThat(readiness(ready)).containsExactly(true);
        assertThat(sim.service(id).orElseThrow().request().get("modelId").asText()).isEqualTo("model-qwen");
    }

    @Test
    void answeringInferenceARunningServiceAnswersAtItsUrlOnlyWithItsApiKeyHeader() {
        sim.answerInference();
        String id = create("qwen");
        JsonNode starting = detail(id);
        String url = starting.get("serviceUrl").asText();
        String key = starting.get("apikey").asText();
        assertThat(url).isEqualTo(sim.baseUrl() + "/inference/" + id);
        String chat = "{\"model\":\"qwen-served\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertThat(PlatformHttp.send("POST", url + "/v1/chat/completions", chat, "apiKey", key).status())
                .as("not running yet").isEqualTo(404);

        clock.advance(DEPLOY);
        PlatformHttp.Response answer = PlatformHttp.send("POST", url + "/v1/chat/completions", chat, "apiKey", key);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/choices/0/message/content").asText()).contains(id);
        assertThat(answer.json().at("/usage/total_tokens").asInt()).isPositive();
        assertThat(PlatformHttp.send("POST", url + "/v1/completions", "{\"model\":\"m\",\"prompt\":\"p\"}",
                "apiKey", key).json().at("/choices/0/text").asText()).contains(id);
        assertThat(PlatformHttp.send("POST", url + "/v1/chat/completions", chat, "apiKey", "sk-wrong").status())
                .isEqualTo(401);
        assertThat(PlatformHttp.send("POST", url + "/v1/chat/completions", chat, "Authorization", "Bearer " + key)
                .status()).as("Alaya reads the apiKey header, not a bearer token").isEqualTo(401);
    }

    @Test
    void theListFindsServicesByNameAndFilters() {
        String first = create("llama-a");
        create("llama-b");
        create("other");

        JsonNode byName = call("GET", "/deployment/list?name=llama-a&vksId=vks-1&namespace=team-a", null).json();
        assertThat(byName.at("/data/count").asInt()).isEqualTo(1);
        assertThat(byName.at("/data/rows/0/serviceId").asText()).isEqualTo(first);
        assertThat(byName.at("/data/rows/0/type").asText()).isEqualTo("base");
        assertThat(byName.at("/data/rows/0/apikey").asText()).startsWith("sk-sim-");

        JsonNode partial = call("GET", "/deployment/list?name=llama", null).json();
        assertThat(partial.at("/data/count").asInt()).as("name is a search, not an exact match").isEqualTo(2);

        JsonNode paged = call("GET", "/deployment/list?size=2&page=2", null).json();
        assertThat(paged.at("/data/count").asInt()).isEqualTo(3);
        assertThat(paged.at("/data/rows").size()).isEqualTo(1);
        assertThat(paged.at("/data/rows/0/name").asText()).as("newest first").isEqualTo("llama-a");

        assertThat(call("GET", "/deployment/list?model=expert", null).json().at("/data/count").asInt()).isZero();
        assertThat(call("GET", "/deployment/list?namespace=elsewhere", null).json().at("/data/count").asInt()).isZero();
        assertThat(call("GET", "/deployment/list?size=101", null).status()).isEqualTo(400);
    }

    @Test
    void onlineScaleReplacesInstancesOfARunningExpertService() {
        String body = """
                {"vksId":"vks-1","namespace":"team-a","name":"expert","servedName":["e"],"modelId":"m",
                 "headConfig":{"image":"vllm/vllm-openai:v0.9.1","cmd":[],"resource":{"cpu":8,"mem":32}},
                 "scale":{"min":2,"max":4,"rpsValue":10,"idleTime":300},"extensions":{"team":"blue"}}
                """;
        PlatformHttp.Response created = call("POST", "/deployment/expert", body);
        String id = created.json().at("/data/serviceId").asText();
        assertThat(id).as("Expert create answers a serviceId like QuickStart").startsWith("svc-");

        PlatformHttp.Response tooEarly = call("PUT", "/deployment/" + id + "/scale",
                "{\"serviceId\":\"" + id + "\",\"scale\":{\"min\":3,\"max\":4,\"rpsValue\":10,\"idleTime\":300}}");
        assertThat(tooEarly.status()).as("scaling needs a running service").isEqualTo(400);

        clock.advance(DEPLOY);
        JsonNode before = detail(id);
        assertThat(readiness(before)).containsExactly(true, true);
        assertThat(before.at("/expert/scale/min").asInt()).isEqualTo(2);

        PlatformHttp.Response scaled = call("PUT", "/deployment/" + id + "/scale",
                "{\"serviceId\":\"" + id + "\",\"scale\":{\"min\":3,\"max\":4,\"rpsValue\":10,\"idleTime\":300}}");
        assertThat(scaled.status()).isEqualTo(200);
        JsonNode replacing = detail(id);
        assertThat(readiness(replacing)).containsExactly(false, false, false);
        assertThat(replacing.get("instance").findValuesAsText("instanceId"))
                .doesNotContainAnyElementsOf(before.get("instance").findValuesAsText("instanceId"));

        clock.advance(TRANSITION);
        assertThat(readiness(detail(id))).containsExactly(true, true, true);
        assertThat(call("GET", "/deployment/list?extensions.team=blue&model=expert", null)
                .json().at("/data/count").asInt()).isEqualTo(1);
    }

    @Test
    void aLoraServiceAttachesToItsBaseOnceBothAreReady() {
        String base = create("base");
        PlatformHttp.Response created = call("POST", "/deployment/lora",
                "{\"baseServiceId\":\"" + base + "\",\"modelId\":\"lora-sql\",\"name\":\"sql\",\"servedName\":[\"sql-lora\"]}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("data").size()).as("LoRA create answers {} as the docs show").isZero();

        JsonNode rows = call("GET", "/deployment/list?name=sql&model=lora", null).json().at("/data/rows");
        assertThat(rows.size()).isEqualTo(1);
        assertThat(rows.get(0).get("type").asText()).isEqualTo("lora");
        String lora = rows.get(0).get("serviceId").asText();

        clock.advance(DEPLOY.dividedBy(2));
        assertThat(loraDetail(lora).get("status").asText()).as("waits for its base").isEqualTo("starting");

        clock.advance(DEPLOY.dividedBy(2));
        JsonNode loraDetail = loraDetail(lora);
        assertThat(loraDetail.get("status").asText()).isEqualTo("running");
        assertThat(loraDetail.get("baseServiceId").asText()).isEqualTo(base);
        assertThat(loraDetail.get("servedName").isTextual()).as("a string, as the page's example").isTrue();
        assertThat(loraDetail.get("servedName").asText()).isEqualTo("sql-lora");
        assertThat(loraDetail.get("apiKey").asText()).isEqualTo(detail(base).get("apikey").asText());
        assertThat(detail(base).at("/instance/0/loraModels").get(0).asText()).isEqualTo("sql-lora");
        assertThat(detail(base).has("serviceId")).as("the QuickStart example's data has none").isFalse();

        sim.quirks().loraDetailEnveloped(true).detailWithServiceId(true);
        JsonNode enveloped = detail(lora);
        assertThat(enveloped.get("servedName").isArray()).isTrue();
        assertThat(detail(base).get("serviceId").asText()).isEqualTo(base);
        sim.quirks().loraDetailEnveloped(false).detailWithServiceId(false);

        PlatformHttp.Response missingBase = call("POST", "/deployment/lora",
                "{\"baseServiceId\":\"svc-none\",\"modelId\":\"x\",\"name\":\"y\",\"servedName\":[\"z\"]}");
        assertThat(missingBase.status()).isEqualTo(404);
    }

    @Test
    void cancelStopsAServiceAndAnOfflineUpdateThenRedeploysIt() {
        String id = create("updatable");
        clock.advance(DEPLOY);

        assertThat(call("PUT", "/deployment/" + id, quickStart("updatable")).status())
                .as("offline update needs a stopped service").isEqualTo(400);

        assertThat(call("POST", "/deployment/" + id + "/cancel", null).status()).isEqualTo(200);
        assertThat(detail(id).get("status").asText()).isEqualTo("stopping");
        clock.advance(TRANSITION);
        JsonNode stopped = detail(id);
        assertThat(stopped.get("status").asText()).isEqualTo("stopped");
        assertThat(stopped.get("instance").size()).isZero();

        String updated = quickStart("updatable").replace("0.9.0.1", "0.9.1");
        assertThat(call("PUT", "/deployment/" + id, updated).status()).isEqualTo(200);
        assertThat(detail(id).get("status").asText()).isEqualTo("starting");
        clock.advance(DEPLOY);
        JsonNode running = detail(id);
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.at("/quickStart/backendVersion").asText()).isEqualTo("0.9.1");
    }

    @Test
    void deleteRemovesTheServiceAndAnswers404After() {
        String id = create("doomed");

        assertThat(call("DELETE", "/deployment/" + id, null).status()).isEqualTo(200);

        PlatformHttp.Response gone = call("GET", "/deployment/" + id, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("code").asInt()).isEqualTo(-1);
        assertThat(call("DELETE", "/deployment/" + id, null).status()).isEqualTo(404);
        assertThat(sim.services()).isEmpty();
    }

    @Test
    void thereIsNoStopOrStartCall() {
        String id = create("no-stop");

        assertThat(call("POST", "/deployment/" + id + "/stop", null).status()).isEqualTo(404);
        assertThat(call("POST", "/deployment/" + id + "/start", null).status()).isEqualTo(404);
    }

    @Test
    void incompleteAndMalformedBodiesAreRefusedNamingTheField() {
        PlatformHttp.Response missing = call("POST", "/deployment",
                quickStart("x").replace("\"gpuType\":\"nvidia.com/gpu-l40s\",", ""));
        PlatformHttp.Response malformed = call("POST", "/deployment", "{not json");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("msg").asText()).contains("resource.gpu.gpuType");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("code").asInt()).isEqualTo(-1);
        assertThat(sim.services()).isEmpty();
    }

    @Test
    void quirksSwitchToTheOtherDocumentedSpellings() {
        sim.quirks().legacyStatusSpelling(true).codeAsString(true).camelCaseApiKey(true);
        String id = call("POST", "/deployment", quickStart("old")).json().at("/data/serviceId").asText();

        JsonNode body = call("GET", "/deployment/" + id, null).json();
        assertThat(body.get("code").isTextual()).isTrue();
        assertThat(body.get("code").asText()).isEqualTo("0");
        assertThat(body.at("/data/status").asText()).isEqualTo("staring");
        assertThat(body.at("/data/apiKey").asText()).startsWith("sk-sim-");

        call("POST", "/deployment/" + id + "/cancel", null);
        clock.advance(TRANSITION);
        assertThat(detail(id).get("status").asText()).isEqualTo("stoped");
    }

    @Test
    void injectedErrorsThrottlingAndSlowAnswers() {
        sim.faults().failNext(503, 2).throttleNext(1, Duration.ofSeconds(3));

        PlatformHttp.Response first = PlatformHttp.send("GET", sim.apiBaseUrl() + "/deployment/list", null);
        assertThat(first.status()).as("a struggling gateway answers even unauthenticated calls").isEqualTo(503);
        assertThat(first.json().get("code").asInt()).isEqualTo(-1);
        assertThat(call("GET", "/deployment/list", null).status()).isEqualTo(503);
        PlatformHttp.Response throttled = call("GET", "/deployment/list", null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).contains("3");
        assertThat(call("GET", "/deployment/list", null).status()).isEqualTo(200);

        sim.faults().delayNext("list", Duration.ofMillis(300), 1);
        long start = System.nanoTime();
        assertThat(call("GET", "/deployment/list", null).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aFailedCreateCreatesNothingAndIsCounted() {
        sim.faults().failNext("create", 500, 1);

        assertThat(call("POST", "/deployment", quickStart("flaky")).status()).isEqualTo(500);
        assertThat(sim.services()).isEmpty();
        create("flaky");
        assertThat(sim.requests().count("create")).isEqualTo(2);
        assertThat(sim.services()).hasSize(1);
        assertThat(sim.requests().last("create").orElseThrow().header("Authorization")).contains(AUTH);
    }

    @Test
    void aServiceThatFailsToDeployEndsFailed() {
        sim.faults().failDeploymentOf("broken");
        String id = create("broken");

        assertThat(detail(id).get("status").asText()).isEqualTo("starting");
        clock.advance(DEPLOY);
        JsonNode failed = detail(id);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("instance").size()).isZero();
    }
}
