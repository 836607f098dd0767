package io.modeldeploy.sim.platform.qianfan;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.sim.platform.PlatformHttp;
import io.modeldeploy.sim.platform.http.ManualClock;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.qianfan.BceAuthV1.Param;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QianfanSimulatorTest {
    private static final Duration DEPLOY = Duration.ofSeconds(10);
    private static final Duration TRANSITION = Duration.ofSeconds(4);

    private final ManualClock clock = ManualClock.startingNow();
    private QianfanSimulator sim;

    @BeforeEach
    void start() {
        sim = QianfanSimulator.start(PlatformHttp.ephemeral(), "ak-test", "sk-test",
                SimOptions.defaults().withClock(clock).withDeployDelay(DEPLOY).withTransitionDelay(TRANSITION));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Signs as the Qianfan SDKs do: {@code host;x-bce-date}. */
    private PlatformHttp.Response signed(String ak, String sk, Instant time, String signedAction, String sentAction,
                                       String body) {
        URI uri = URI.create(sim.apiBaseUrl() + "?Action=" + sentAction);
        String date = BceAuthV1.timestamp(time);
        Map<String, String> headers = Map.of("host", uri.getHost() + ":" + uri.getPort(), "x-bce-date", date);
        String authorization = BceAuthV1.authorization(ak, sk, time, 1800, "POST", uri.getPath(),
                List.of(new Param("Action", signedAction)), headers, List.of("host", "x-bce-date"), true);
        return PlatformHttp.send("POST", uri.toString(), body, "x-bce-date", date, "Authorization", authorization);
    }

    private PlatformHttp.Response action(String action, String body) {
        return signed("ak-test", "sk-test", clock.instant(), action, action, body);
    }

    private static String createBody(String name) {
        return """
                {"modelSetId":"am-abc","modelId":"amv-123","name":"%s","protocolVersion":2,
                 "resourceConfig":{"region":"bj","type":"GPU-I-2","qps":3,"replicasCount":1},
                 "billing":{"paymentTiming":"Postpaid"}}
                """.formatted(name);
    }

    private JsonNode create(String name) {
        PlatformHttp.Response created = action("CreateService", createBody(name));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("result");
    }

    private JsonNode describe(String serviceId) {
        PlatformHttp.Response described = action("DescribeService", "{\"serviceId\":\"" + serviceId + "\"}");
        assertThat(described.status()).as(described.body()).isEqualTo(200);
        return described.json().get("result");
    }

    @Test
    void verifiesTheSignatureAndRefusesWithBceCodes() {
        PlatformHttp.Response unsigned = PlatformHttp.send("POST", sim.apiBaseUrl() + "?Action=DescribeServices", "{}");
        PlatformHttp.Response wrongSecret = signed("ak-test", "other", clock.instant(), "DescribeServices",
                "DescribeServices", "{}");
        PlatformHttp.Response unknownKey = signed("ak-other", "sk-test", clock.instant(), "DescribeServices",
                "DescribeServices", "{}");
        PlatformHttp.Response expired = signed("ak-test", "sk-test", clock.instant().minus(Duration.ofHours(1)),
                "DescribeServices", "DescribeServices", "{}");
        PlatformHttp.Response tampered = signed("ak-test", "sk-test", clock.instant(), "DescribeServices",
                "CreateService", createBody("sneaky"));
        PlatformHttp.Response garbage = PlatformHttp.send("POST", sim.apiBaseUrl() + "?Action=DescribeServices", "{}",
                "Authorization", "bce-auth-v1/ak-test");

        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.json().get("code").asText()).isEqualTo("SignatureEmpty");
        assertThat(unsigned.json().get("requestId").asText()).isNotBlank();
        assertThat(wrongSecret.status()).isEqualTo(400);
        assertThat(wrongSecret.json().get("code").asText()).isEqualTo("SignatureDoesNotMatch");
        assertThat(unknownKey.status()).isEqualTo(403);
        assertThat(unknownKey.json().get("code").asText()).isEqualTo("InvalidAccessKeyId");
        assertThat(expired.json().get("code").asText()).isEqualTo("RequestExpired");
        assertThat(tampered.json().get("code").asText()).as("the query is signed").isEqualTo("SignatureDoesNotMatch");
        assertThat(garbage.json().get("code").asText()).isEqualTo("InvalidHTTPAuthHeader");
        assertThat(sim.services()).isEmpty();
        assertThat(action("DescribeServices", "{}").status()).isEqualTo(200);
    }

    @Test
    void anEmptySignedHeaderListMeansTheDefaultSet() {
        URI uri = URI.create(sim.apiBaseUrl() + "?Action=DescribeServices");
        String body = "{\"maxKeys\":5}";
        String date = BceAuthV1.timestamp(clock.instant());
        Map<String, String> headers = Map.of("host", uri.getHost() + ":" + uri.getPort(), "x-bce-date", date,
                "content-type", "application/json",
                "content-length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        String authorization = BceAuthV1.authorization("ak-test", "sk-test", clock.instant(), 300, "POST",
                uri.getPath(), List.of(new Param("Action", "DescribeServices")), headers, null, false);

        PlatformHttp.Response reply = PlatformHttp.send("POST", uri.toString(), body, "x-bce-date", date,
                "Authorization", authorization);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void aServiceGoesNewDeployingServing() {
        JsonNode created = create("qwen-svc");
        String id = created.get("serviceId").asText();
        assertThat(id).startsWith("svco-");
        assertThat(created.get("instanceId").asText()).isNotBlank();

        JsonNode fresh = describe(id);
        assertThat(fresh.get("runStatus").asText()).isEqualTo("New");
        assertThat(fresh.get("urlSuffix").asText()).as("v2 services have a urlSuffix").isNotBlank();
        assertThat(fresh.get("url").asText()).as("the service's own v1 address, as the page's example")
                .contains("/wenxinworkshop/chat/");
        assertThat(fresh.get("updateStatus").asText()).isEqualTo("None");
        assertThat(fresh.get("scaleStatus").asText()).isEqualTo("None");
        assertThat(fresh.get("isModelUpdating").asBoolean()).isFalse();

        clock.advance(DEPLOY.dividedBy(5));
        assertThat(describe(id).get("runStatus").asText()).isEqualTo("Deploying");
        clock.advance(DEPLOY);
        JsonNode serving = describe(id);
        assertThat(serving.get("runStatus").asText()).isEqualTo("Serving");
        assertThat(serving.at("/deploymentConfig/deploymentComputeUnitList/0/instanceId").asText())
                .isEqualTo(created.get("instanceId").asText());

        JsonNode v1 = action("DescribeService", "{\"serviceId\":\"" + id + "\",\"protocolVersion\":1}")
                .json().get("result");
        assertThat(v1.has("urlSuffix")).isFalse();
        assertThat(v1.get("url").asText()).contains("/wenxinworkshop/chat/");
    }

    @Test
    void describeServicesFindsByNameAndPagesByMarker() {
        String first = create("alpha-1").get("serviceId").asText();
        create("alpha-2");
        create("beta");

        JsonNode byName = action("DescribeServices", "{\"name\":\"alpha\"}").json().get("result");
        assertThat(byName.get("serviceList").size()).isEqualTo(2);

        JsonNode page1 = action("DescribeServices", "{\"maxKeys\":2}").json().get("result");
        assertThat(page1.at("/pageInfo/isTruncated").asBoolean()).isTrue();
        assertThat(page1.at("/serviceList/0/serviceId").asText()).isEqualTo(first);
        String next = page1.at("/pageInfo/nextMarker").asText();
        JsonNode page2 = action("DescribeServices", "{\"maxKeys\":2,\"marker\":\"" + next + "\"}").json().get("result");
        assertThat(page2.get("serviceList").size()).isEqualTo(1);
        assertThat(page2.at("/serviceList/0/name").asText()).isEqualTo("beta");
        assertThat(page2.at("/pageInfo/isTruncated").asBoolean()).isFalse();
    }

    @Test
    void scaleServiceChangesReplicasAndZeroStopsTheService() {
        JsonNode created = create("scaled");
        String id = created.get("serviceId").asText();
        String unit = created.get("instanceId").asText();
        String scaleTo = "{\"serviceId\":\"" + id + "\",\"instanceId\":\"" + unit + "\",\"deploymentReplicasCount\":%d}";

        PlatformHttp.Response tooEarly = action("ScaleService", scaleTo.formatted(2));
        assertThat(tooEarly.status()).isEqualTo(400);
        assertThat(tooEarly.json().get("code").asText()).isEqualTo("OperationNotAllowed");

        clock.advance(DEPLOY);
        assertThat(action("ScaleService", scaleTo.formatted(2)).json().get("result").asBoolean()).isTrue();
        assertThat(describe(id).get("scaleStatus").asText()).isEqualTo("Scaling");
        clock.advance(TRANSITION);
        JsonNode scaled = describe(id);
        assertThat(scaled.get("scaleStatus").asText()).isEqualTo("None");
        assertThat(scaled.at("/deploymentConfig/replicasCount").asInt()).isEqualTo(2);

        action("ScaleService", scaleTo.formatted(0));
        clock.advance(TRANSITION);
        assertThat(describe(id).get("runStatus").asText()).isEqualTo("Stopped");

        action("ScaleService", scaleTo.formatted(1));
        assertThat(describe(id).get("runStatus").asText()).isIn("New", "Deploying");
        clock.advance(DEPLOY);
        assertThat(describe(id).get("runStatus").asText()).isEqualTo("Serving");
    }

    @Test
    void modifyServiceSwitchesTheModelVersion() {
        String id = create("modified").get("serviceId").asText();
        clock.advance(DEPLOY);

        PlatformHttp.Response modified = action("ModifyService",
                "{\"serviceId\":\"" + id + "\",\"modelSetId\":\"am-abc\",\"modelId\":\"amv-456\"}");
        assertThat(modified.status()).isEqualTo(200);
        JsonNode updating = describe(id);
        assertThat(updating.get("isModelUpdating").asBoolean()).isTrue();
        assertThat(updating.get("updateStatus").asText()).isNotEqualTo("None");

        clock.advance(TRANSITION);
        JsonNode updated = describe(id);
        assertThat(updated.get("isModelUpdating").asBoolean()).isFalse();
        assertThat(updated.get("modelId").asText()).isEqualTo("amv-456");
    }

    @Test
    void thereIsNoStopStartOrDeleteAction() {
        String id = create("kept").get("serviceId").asText();

        for (String action : List.of("DeleteService", "StopService", "StartService")) {
            PlatformHttp.Response reply = action(action, "{\"serviceId\":\"" + id + "\"}");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("code").asText()).isEqualTo("InvalidAction");
        }
        assertThat(action("DescribeServiceMetric", "{}").status()).isEqualTo(501);
        assertThat(sim.services()).hasSize(1);
    }

    @Test
    void unknownServicesAndBadBodiesAreRefused() {
        PlatformHttp.Response unknown = action("DescribeService", "{\"serviceId\":\"svco-none\"}");
        PlatformHttp.Response malformed = action("CreateService", "{oops");
        PlatformHttp.Response missing = action("CreateService", "{\"name\":\"x1\"}");
        PlatformHttp.Response both = action("CreateService", createBody("both").replace("\"billing\"",
                "\"deploymentConfig\":{\"deploymentComputeUnitList\":[{\"instanceId\":\"unit-1\",\"deploymentReplicasCount\":1}]},\"billing\""));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("ResourceNotFound");
        assertThat(malformed.json().get("code").asText()).isEqualTo("MalformedJSON");
        assertThat(missing.json().get("code").asText()).isEqualTo("InappropriateJSON");
        assertThat(missing.json().get("message").asText()).contains("modelSetId");
        assertThat(both.status()).isEqualTo(400);

        create("dup-suffix-1");
        String suffix = sim.services().get(0).urlSuffix();
        PlatformHttp.Response duplicate = action("CreateService",
                createBody("dup-suffix-2").replace("\"protocolVersion\"", "\"urlSuffix\":\"" + suffix + "\",\"protocolVersion\""));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(sim.services()).hasSize(1);
    }

    @Test
    void errorsCanComeInTheDocumentedShapeWithStatus200() {
        sim.errorsWithStatus200(true);
        PlatformHttp.Response unknown = action("DescribeService", "{\"serviceId\":\"svco-none\"}");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("code").asText()).isEqualTo("ResourceNotFound");
        assertThat(unknown.json().has("requestId")).isTrue();
        assertThat(unknown.json().has("result")).isFalse();
        assertThat(create("still-ok").get("serviceId").asText()).startsWith("svco-");
        sim.errorsWithStatus200(false);
        assertThat(action("DescribeService", "{\"serviceId\":\"svco-none\"}").status()).isEqualTo(404);
    }

    @Test
    void injectedFaultsAndAFailedDeployment() {
        sim.faults().failNext("CreateService", 500, 1).throttleNext("DescribeServices", 1, Duration.ofSeconds(5));

        PlatformHttp.Response failed = action("CreateService", createBody("flaky"));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("code").asText()).isEqualTo("InternalError");
        assertThat(sim.services()).isEmpty();
        PlatformHttp.Response throttled = action("DescribeServices", "{}");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("code").asText()).isEqualTo("RequestLimitExceeded");
        assertThat(throttled.header("Retry-After")).contains("5");
        assertThat(sim.requests().count("CreateService")).isEqualTo(1);

        sim.faults().failNextDeployments(1);
        String id = create("doomed").get("serviceId").asText();
        clock.advance(DEPLOY);
        assertThat(describe(id).get("runStatus").asText()).isEqualTo("Failed");

        sim.faults().delayNext(Duration.ofMillis(300), 1);
        long start = System.nanoTime();
        assertThat(describe(id).get("runStatus").asText()).isEqualTo("Failed");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
