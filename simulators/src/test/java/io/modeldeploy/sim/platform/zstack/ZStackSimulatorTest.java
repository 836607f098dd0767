package io.modeldeploy.sim.platform.zstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.sim.platform.PlatformHttp;
import io.modeldeploy.sim.platform.http.Json;
import io.modeldeploy.sim.platform.http.ManualClock;
import io.modeldeploy.sim.platform.http.SimOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ZStackSimulatorTest {
    private static final Duration DEPLOY = Duration.ofSeconds(20);
    private static final Duration TRANSITION = Duration.ofSeconds(5);
    private static final Duration SESSION_TTL = Duration.ofMinutes(30);

    private final ManualClock clock = ManualClock.startingNow();
    private ZStackSimulator sim;
    private String template;

    @BeforeEach
    void start() {
        sim = ZStackSimulator.start(PlatformHttp.ephemeral(), "admin", "s3cret!", SimOptions.defaults()
                .withClock(clock).withDeployDelay(DEPLOY).withTransitionDelay(TRANSITION).withSessionTtl(SESSION_TTL));
        template = sim.registerTemplate("qwen-template");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private static String sha512(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private PlatformHttp.Response login(String account, String password) {
        return PlatformHttp.send("PUT", sim.apiBaseUrl() + "/accounts/login",
                "{\"logInByAccount\":{\"accountName\":\"" + account + "\",\"password\":\"" + password + "\"}}");
    }

    private String session() throws Exception {
        PlatformHttp.Response login = login("admin", sha512("s3cret!"));
        assertThat(login.status()).isEqualTo(200);
        return login.json().at("/inventory/uuid").asText();
    }

    private PlatformHttp.Response api(String method, String path, String body, String session, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "OAuth " + session));
        all.addAll(List.of(headers));
        return PlatformHttp.send(method, sim.apiBaseUrl() + path, body, all.toArray(String[]::new));
    }

    private static PlatformHttp.Response poll(PlatformHttp.Response accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return PlatformHttp.send("GET", accepted.json().get("location").asText(), null);
    }

    /** Deploys the template as a group named {@code name}: the async call, answered 202 with its job. */
    private PlatformHttp.Response deploy(String name, String session, String... headers) {
        return api("PUT", "/ai/model-services/" + template, deployBody(name), session, headers);
    }

    private static String deployBody(String name) {
        return "{\"deployModelService\":{\"zoneUuid\":\"zone-1\",\"name\":\"" + name + "\",\"type\":\"Inference\","
                + "\"modelUuid\":\"model-1\",\"cpuNum\":8,\"memorySize\":34359738368}}";
    }

    private JsonNode groups(String session, String query) {
        PlatformHttp.Response reply = api("GET", "/ai/model-services/instances/groups" + query, null, session);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void loginTakesTheSha512HexOfThePassword() throws Exception {
        PlatformHttp.Response ok = login("admin", sha512("s3cret!"));
        assertThat(ok.status()).isEqualTo(200);
        JsonNode inventory = ok.json().get("inventory");
        assertThat(inventory.get("uuid").asText()).hasSize(32);
        assertThat(inventory.get("accountUuid").asText()).isNotBlank();
        assertThat(inventory.get("expiredDate").asText()).matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M");

        for (PlatformHttp.Response refused : List.of(login("admin", "s3cret!"), login("root", sha512("s3cret!")))) {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().at("/error/code").asText()).isEqualTo("ID.1000");
            assertThat(refused.json().at("/error/details").asText()).isNotBlank();
        }
    }

    @Test
    void theRestLayerRefusesCallsWithoutAnOAuthHeaderInPlainText() {
        PlatformHttp.Response none = PlatformHttp.send("GET", sim.apiBaseUrl() + "/ai/model-services/instances/groups", null);
        PlatformHttp.Response basic = PlatformHttp.send("GET", sim.apiBaseUrl() + "/ai/model-services/instances/groups",
                null, "Authorization", "Basic YWRtaW4=");

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("missing header 'Authorization'");
        assertThat(basic.status()).isEqualTo(400);
        assertThat(basic.body()).contains("OAuth");
    }

    @Test
    void anUnknownSessionIsRefusedByTheApiWithId1001() {
        PlatformHttp.Response reply = api("GET", "/ai/model-services/instances/groups", null, "0".repeat(32));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().at("/error/code").asText()).isEqualTo("ID.1001");
    }

    @Test
    void sessionsExpireAfterTheirTtlAndALoginRenewsThem() throws Exception {
        String session = session();
        assertThat(groups(session, "").get("inventories").size()).isZero();

        clock.advance(SESSION_TTL);
        PlatformHttp.Response expired = api("GET", "/ai/model-services/instances/groups", null, session);
        assertThat(expired.status()).isEqualTo(503);
        assertThat(expired.json().at("/error/code").asText()).isEqualTo("ID.1001");
        assertThat(expired.json().at("/error/details").asText()).isEqualTo("Session expired");
        assertThat(PlatformHttp.send("GET", sim.apiBaseUrl() + "/accounts/sessions/" + session + "/valid", null)
                .json().get("valid").asBoolean()).isFalse();

        PlatformHttp.Response asyncWithExpired = deploy("late", session);
        PlatformHttp.Response job = poll(asyncWithExpired);
        assertThat(job.status()).as("an async API still answers 202; its job reports the session").isEqualTo(503);
        assertThat(job.json().at("/error/code").asText()).isEqualTo("ID.1001");
        assertThat(sim.groups()).isEmpty();

        String renewed = session();
        assertThat(groups(renewed, "").get("inventories").size()).isZero();
    }

    @Test
    void aDeploymentIsAJobThatFinishesWhenTheGroupRuns() throws Exception {
        String session = session();
        String jobUuid = "0123456789abcdef0123456789abcdef";
        PlatformHttp.Response accepted = deploy("qwen", session, "X-Job-UUID", jobUuid);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("location").asText())
                .isEqualTo(sim.apiBaseUrl() + "/api-jobs/" + jobUuid);

        PlatformHttp.Response running = poll(accepted);
        assertThat(running.status()).isEqualTo(202);
        assertThat(running.body()).isEmpty();
        JsonNode deploying = groups(session, "?q=name=qwen").get("inventories");
        assertThat(deploying.size()).isEqualTo(1);
        assertThat(deploying.get(0).get("status").asText()).isEqualTo("Deploying");
        assertThat(deploying.get(0).get("modelServiceUuid").asText()).isEqualTo(template);

        clock.advance(DEPLOY);
        PlatformHttp.Response done = poll(accepted);
        assertThat(done.status()).isEqualTo(200);
        JsonNode inventory = done.json().get("inventory");
        assertThat(inventory.get("status").asText()).isEqualTo("Running");
        assertThat(inventory.at("/instances/0/url").asText()).startsWith("http://192.0.2.");
        String groupUuid = inventory.get("uuid").asText();
        assertThat(groups(session, "/" + groupUuid).at("/inventories/0/status").asText()).isEqualTo("Running");
    }

    @Test
    void aRetriedCallWithTheSameJobUuidRunsOnce() throws Exception {
        String session = session();
        String jobUuid = "fedcba9876543210fedcba9876543210";

        PlatformHttp.Response first = deploy("once", session, "X-Job-UUID", jobUuid);
        PlatformHttp.Response retry = deploy("once", session, "X-Job-UUID", jobUuid);

        assertThat(retry.json().get("location").asText()).isEqualTo(first.json().get("location").asText());
        assertThat(sim.requests().count("deployModelService")).isEqualTo(2);
        assertThat(sim.groups()).hasSize(1);
        assertThat(sim.jobs()).filteredOn(j -> j.operation().equals("deployModelService")).hasSize(1);

        PlatformHttp.Response badJobId = deploy("bad", session, "X-Job-UUID", "not-a-uuid");
        assertThat(badJobId.status()).isEqualTo(400);
        assertThat(badJobId.body()).contains("X-Job-UUID");
    }

    @Test
    void aChosenResourceUuidNamesTheGroupAndCannotBeUsedTwice() throws Exception {
        String session = session();
        String chosen = "aaaabbbbccccddddeeeeffff00001111";
        String body = deployBody("chosen").replace("\"zoneUuid\"", "\"resourceUuid\":\"" + chosen + "\",\"zoneUuid\"");

        poll(api("PUT", "/ai/model-services/" + template, body, session));
        assertThat(sim.groups()).extracting(ZStackGroup::uuid).containsExactly(chosen);

        PlatformHttp.Response again = poll(api("PUT", "/ai/model-services/" + template, body, session));
        assertThat(again.status()).isEqualTo(503);
        assertThat(again.json().at("/error/code").asText()).isEqualTo("SYS.1007");
        assertThat(sim.groups()).hasSize(1);
    }

    /** The request example of the published AddModelService page, as it is there. */
    private static String documentedAddRequest() throws Exception {
        String page = Files.readString(Path.of("../../shared/vendor-docs/zstack-add-model-service.txt"),
                StandardCharsets.UTF_8);
        int start = page.indexOf("-d '") + 4;
        return page.substring(start, page.indexOf('\'', start));
    }

    @Test
    void addModelServiceIsSynchronousWithTheBodyKeyParamAsItsPageDocuments() throws Exception {
        String session = session();
        ObjectNode documented = (ObjectNode) Json.MAPPER.readTree(documentedAddRequest());

        PlatformHttp.Response placeholderUuid = api("POST", "/ai/model-services", documented.toString(), session);
        assertThat(placeholderUuid.status()).isEqualTo(200);
        assertThat(placeholderUuid.json().get("success").asBoolean()).isFalse();
        assertThat(placeholderUuid.json().at("/error/code").asText()).isEqualTo("SYS.1007");
        assertThat(placeholderUuid.json().at("/error/details").asText()).contains("<resourceUuid>");
        assertThat(placeholderUuid.json().get("inventory").isNull()).isTrue();

        ((ObjectNode) documented.get("param")).remove("resourceUuid");
        PlatformHttp.Response added = api("POST", "/ai/model-services", documented.toString(), session);
        assertThat(added.status()).isEqualTo(200);
        JsonNode inventory = added.json().get("inventory");
        assertThat(inventory.get("uuid").asText()).matches("[0-9a-f]{32}");
        assertThat(inventory.get("name").asText()).isEqualTo("<name>");
        assertThat(inventory.get("requestCpu").asInt()).isEqualTo(1);
        assertThat(inventory.get("startCommand").asText()).isEqualTo("<startCommand>");
        for (String field : List.of("readme", "size", "hasNewVersion", "version", "cpuArchitectures", "modelServiceRefs",
                "modelServiceImages", "createDate", "lastOpDate")) {
            assertThat(inventory.has(field)).as("ModelServiceInventory." + field).isTrue();
        }
        String uuid = inventory.get("uuid").asText();
        assertThat(api("GET", "/ai/model-services/" + uuid, null, session).json().at("/inventories/0/name").asText())
                .isEqualTo("<name>");
        JsonNode counted = api("GET", "/ai/model-services?q=name~=%25name%25&replyWithCount=true", null, session).json();
        assertThat(counted.get("total").asInt()).isEqualTo(1);
    }

    @Test
    void addModelServiceChecksThePagesRequiredFieldsAndTypes() throws Exception {
        String session = session();

        PlatformHttp.Response incomplete = api("POST", "/ai/model-services", "{\"param\":{\"name\":\"x\"}}", session);
        assertThat(incomplete.status()).isEqualTo(200);
        assertThat(incomplete.json().get("success").asBoolean()).isFalse();
        assertThat(incomplete.json().at("/error/code").asText()).isEqualTo("SYS.1007");
        assertThat(incomplete.json().at("/error/details").asText()).contains("yaml");

        ObjectNode documented = (ObjectNode) Json.MAPPER.readTree(documentedAddRequest());
        ((ObjectNode) documented.get("param")).remove("resourceUuid");
        ((ObjectNode) documented.get("param")).put("requestMemory", "1Gi");
        PlatformHttp.Response wrongType = api("POST", "/ai/model-services", documented.toString(), session);
        assertThat(wrongType.json().at("/error/details").asText()).contains("requestMemory");

        PlatformHttp.Response oldKey = api("POST", "/ai/model-services", "{\"params\":{\"name\":\"x\"}}", session);
        assertThat(oldKey.status()).as("the REST layer refuses a body without the API's key").isEqualTo(400);
        assertThat(sim.templates()).extracting(ZStackTemplate::name).containsExactly("qwen-template");
    }

    @Test
    void aTestCanRefuseTheNextCallAndHaveErrorsAnsweredIn200() throws Exception {
        String session = session();
        sim.refuseNext("deployModelService", "SYS.1006", "Operation failure", "SIMULATED: no capacity")
                .refuseNext("queryModelServiceInstanceGroup", "SYS.1007", "One or more API argument is invalid", "q");

        PlatformHttp.Response job = poll(deploy("refused", session));
        assertThat(job.status()).isEqualTo(503);
        assertThat(job.json().at("/error/details").asText()).isEqualTo("SIMULATED: no capacity");
        PlatformHttp.Response query = api("GET", "/ai/model-services/instances/groups", null, session);
        assertThat(query.status()).isEqualTo(503);
        assertThat(query.json().at("/error/code").asText()).isEqualTo("SYS.1007");
        assertThat(groups(session, "").get("inventories").size()).as("each refusal once").isZero();

        sim.answerErrorsIn200(true).refuseNext("deployModelService", "SYS.1006", "Operation failure", "again");
        PlatformHttp.Response documented = poll(deploy("refused-again", session));
        assertThat(documented.status()).isEqualTo(200);
        assertThat(documented.json().get("success").asBoolean()).isFalse();
        assertThat(documented.json().at("/error/code").asText()).isEqualTo("SYS.1006");
        PlatformHttp.Response unknownSession = api("GET", "/ai/model-services/instances/groups", null, "0".repeat(32));
        assertThat(unknownSession.status()).isEqualTo(200);
        assertThat(unknownSession.json().at("/error/code").asText()).isEqualTo("ID.1001");
        assertThat(sim.groups()).isEmpty();
    }

    @Test
    void queriesFilterLikeZql() throws Exception {
        String session = session();
        poll(deploy("alpha", session));
        poll(deploy("beta", session));

        assertThat(groups(session, "?q=name!=alpha").at("/inventories/0/name").asText()).isEqualTo("beta");
        assertThat(groups(session, "?q=name?=alpha,beta&q=status=Deploying").get("inventories").size()).isEqualTo(2);
        assertThat(groups(session, "?limit=1&start=1&sort=-name").at("/inventories/0/name").asText()).isEqualTo("alpha");
        assertThat(groups(session, "/" + "1".repeat(32)).get("inventories").size())
                .as("a query by uuid finds nothing rather than answering 404").isZero();
        assertThat(api("GET", "/ai/model-services/instances/groups?q=name", null, session).status()).isEqualTo(400);
    }

    @Test
    void deletingAGroupIsAJobAndAMissingGroupDeletesFine() throws Exception {
        String session = session();
        deploy("doomed", session);
        String group = sim.groups().get(0).uuid();

        PlatformHttp.Response deleted = poll(api("DELETE", "/ai/model-services/instances/groups/" + group
                + "?deleteMode=Permissive", null, session));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(groups(session, "/" + group).get("inventories").size()).isZero();
        assertThat(sim.groups()).isEmpty();

        assertThat(poll(api("DELETE", "/ai/model-services/instances/groups/" + group, null, session)).status())
                .isEqualTo(200);
    }

    @Test
    void restartAndUpdateExistButNoStopStartOrScale() throws Exception {
        String session = session();
        poll(deploy("svc", session));
        clock.advance(DEPLOY);
        String group = sim.groups().get(0).uuid();

        PlatformHttp.Response restart = api("PUT", "/model-service-instance-groups",
                "{\"restartModelServiceGroups\":{\"uuids\":[\"" + group + "\"]}}", session);
        assertThat(sim.groups().get(0).status()).isEqualTo("Deploying");
        clock.advance(TRANSITION);
        PlatformHttp.Response restarted = poll(restart);
        assertThat(restarted.json().at("/results/0/success").asBoolean()).isTrue();
        assertThat(sim.groups().get(0).status()).isEqualTo("Running");

        PlatformHttp.Response updated = poll(api("PUT", "/model-service-instance-groups/" + group,
                "{\"updateModelServiceInstanceGroup\":{\"name\":\"renamed\"}}", session));
        assertThat(updated.json().at("/inventory/name").asText()).isEqualTo("renamed");

        PlatformHttp.Response stop = api("PUT", "/model-service-instance-groups/" + group,
                "{\"stopModelServiceInstanceGroup\":{}}", session);
        assertThat(stop.status()).isEqualTo(400);
    }

    @Test
    void theDeployBodyTakesTheActionKeyOrParamsButNotFlatFields() throws Exception {
        String session = session();

        PlatformHttp.Response flat = api("PUT", "/ai/model-services/" + template,
                "{\"zoneUuid\":\"z\",\"name\":\"flat\",\"type\":\"Inference\"}", session);
        PlatformHttp.Response params = api("PUT", "/ai/model-services/" + template,
                "{\"params\":{\"zoneUuid\":\"z\",\"name\":\"p\",\"type\":\"Inference\"}}", session);

        assertThat(flat.status()).isEqualTo(400);
        assertThat(flat.header("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(params.status()).isEqualTo(202);
        assertThat(sim.groups()).extracting(ZStackGroup::name).containsExactly("p");
    }

    @Test
    void aGroupThatFailsToDeployFailsItsJob() throws Exception {
        String session = session();
        sim.faults().failDeploymentOf("broken");

        PlatformHttp.Response accepted = deploy("broken", session);
        clock.advance(DEPLOY);
        PlatformHttp.Response job = poll(accepted);

        assertThat(job.status()).isEqualTo(503);
        assertThat(job.json().at("/error/code").asText()).isEqualTo("SYS.1006");
        assertThat(sim.groups().get(0).status()).isEqualTo("Failed");
    }

    @Test
    void injectedErrorsThrottlingSlowAnswersAndExpiredJobs() throws Exception {
        String session = session();
        sim.faults().failNext("queryModelServiceInstanceGroup", 503, 1)
                .throttleNext("queryModelServiceInstanceGroup", 1, Duration.ofSeconds(2));

        PlatformHttp.Response failed = api("GET", "/ai/model-services/instances/groups", null, session);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().at("/error/code").asText()).isEqualTo("SYS.1000");
        PlatformHttp.Response throttled = api("GET", "/ai/model-services/instances/groups", null, session);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).contains("2");

        sim.faults().delayNext("job", Duration.ofMillis(300), 1);
        PlatformHttp.Response accepted = deploy("slow", session);
        long start = System.nanoTime();
        assertThat(poll(accepted).status()).isEqualTo(202);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        sim.expireJobs();
        PlatformHttp.Response expired = poll(accepted);
        assertThat(expired.status()).isEqualTo(404);
        assertThat(expired.body()).isEqualTo("the job has been expired");
    }
}
