package io.modeldeploy.e2e.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.managed.ManagedPlatform.Credentials;
import io.modeldeploy.e2e.managed.ManagedPlatform.Deletion;
import io.modeldeploy.e2e.managed.ManagedPlatform.Failures;
import io.modeldeploy.e2e.managed.ManagedPlatform.Release;
import io.modeldeploy.e2e.managed.ManagedPlatform.Services;
import io.modeldeploy.e2e.managed.ManagedPlatform.Throttling;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.zstack.ZStackGroup;
import io.modeldeploy.sim.platform.zstack.ZStackSimulator;
import io.modeldeploy.sim.platform.zstack.ZStackTemplate;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.externalId;
import static io.modeldeploy.e2e.support.Manifests.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ZStack AIOS end to end: the REAL operator process and API server, the SIMULATED ZStack management node
 * (login sessions, async jobs, instance groups) in this JVM on 127.0.0.1. The scenarios every managed target shares
 * are in {@link ManagedTargetScenarios} and {@link DeletableTargetScenarios}; here are ZStack's own.
 */
class ZStackIT extends DeletableTargetScenarios<ZStackSimulator> {
    private static final String ACCOUNT = "admin";
    private static final String PASSWORD = "zs-it-password";
    private static final String TEMPLATE = "qwen-template";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ManagedPlatform<ZStackSimulator> ZSTACK = new ManagedPlatform<>("ZStack", "zstack",
            // The simulator, with the template the deployments deploy.
            () -> {
                ZStackSimulator zstack = ZStackSimulator.start(ManagedPlatform.loopback(), ACCOUNT, PASSWORD,
                        SimOptions.defaults().withDeployDelay(Duration.ofSeconds(3)));
                zstack.registerTemplate(TEMPLATE);
                return zstack;
            },
            new Credentials("zstack-creds", PASSWORD, password -> Map.of("accountName", ACCOUNT, "password", password)),
            // The sample, pointed at the simulator and its template.
            (vendor, managed, name) -> {
                GenericKubernetesResource md = managed.sample("zstack.yaml", name, vendor.baseUrl());
                section(md, "spec", "target", "zstack").put("modelServiceUuid", template(vendor));
                return md;
            },
            // ZStack creates the instance group by deploying the template, under the uuid the operator chose
            // (resourceUuid): the test derives it from the deployment's uid.
            new Services<>("deployModelService", ExpectedVendorNames::zstackGroupUuid,
                    (vendor, uuid) -> groupsOf(vendor, uuid).stream().map(ZStackGroup::uuid).toList(),
                    (vendor, uuid) -> groupsOf(vendor, uuid).get(0).status()),
            // The lookup is the query of the group by its derived uuid, which also reads its status while it deploys.
            // The password goes only into the login (hashed): a wrong one is a login refused with 503.
            new Failures("Failed", new Throttling("queryModelServiceInstanceGroup", 2, Duration.ofSeconds(3), 503, false),
                    request -> request.operation().equals("login") && request.status() == 503, "refused the login"),
            // As before the shared scenarios: the groups stay, so no finalizer waits for the simulator's delete jobs.
            Release.RETAIN_ALL,
            Optional.of(new Deletion<>((vendor, id) -> !groupsOf(vendor, id).isEmpty(),
                    (vendor, id) -> groupsOf(vendor, id).stream().anyMatch(ZStackGroup::deleting))));

    ZStackIT() {
        super(ZSTACK);
    }

    private static List<ZStackGroup> groupsOf(ZStackSimulator vendor, String externalId) {
        return vendor.groups().stream().filter(g -> g.uuid().equals(externalId)).toList();
    }

    private List<ZStackGroup> groupsOf(String externalId) {
        return groupsOf(vendor, externalId);
    }

    /** The uuid of the template the simulator was started with. */
    private static String template(ZStackSimulator vendor) {
        return vendor.templates().stream().filter(t -> t.name().equals(TEMPLATE)).findFirst().orElseThrow().uuid();
    }

    @Test
    void sampleReachesRunningWithUrlAndIdThenDeleteRemovesTheGroup() throws Exception {
        ModelDeploymentView md = createAndAwaitRunning("zs-sample");

        String groupUuid = ExpectedVendorNames.zstackGroupUuid(md);
        assertThat(externalId(md)).isEqualTo(groupUuid);
        ZStackGroup group = groupsOf(groupUuid).get(0);
        assertThat(group.name()).isEqualTo(ExpectedVendorNames.serviceName(md));
        assertThat(group.status()).isEqualTo("Running");
        assertThat(group.modelServiceUuid()).isEqualTo(template(vendor));
        assertThat(md.statusField("serviceUrl")).isEqualTo(group.url() + "/v1");
        assertThat(md.conditionIs("Ready", "True", "VendorServing")).isTrue();
        assertThat(md.resource().toString()).doesNotContain(PASSWORD);
        var deployCall = vendor.requests().last("deployModelService", groupUuid).orElseThrow();
        JsonNode deploy = JSON.readTree(deployCall.body());
        assertThat(deploy.path("deployModelService").path("resourceUuid").asText()).isEqualTo(groupUuid);
        assertThat(deploy.path("deployModelService").path("cpuNum").asInt()).isEqualTo(8);
        assertThat(deployCall.header("X-Job-UUID")).hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f]{32}"));
        assertThat(deployCall.header("Authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("OAuth "));

        managed.delete("zs-sample");
        managed.awaitGone("zs-sample");
        assertThat(groupsOf(groupUuid)).isEmpty();
    }

    @Test
    void stoppedAndReplicasAreNotSupportedAndNothingPretends() {
        managed.create(deployment("zs-lifecycle"));
        String groupUuid = serviceAtTheVendor(managed.awaitRunning("zs-lifecycle"));

        ns.patchSpec("zs-lifecycle", Map.of("stopped", true));
        managed.awaitCondition("zs-lifecycle", "OperationNotSupported", "True", "OperationNotSupported");
        ModelDeploymentView stopped = managed.md("zs-lifecycle");
        assertThat(stopped.conditionMessage("OperationNotSupported")).contains("no stop call");
        assertThat(stopped.phase()).isEqualTo("Running");
        managed.awaitEvent("zs-lifecycle", "OperationNotSupported");

        ns.patchSpec("zs-lifecycle", Map.of("stopped", false, "replicas", 2));
        Await.until("replicas not supported", TIMEOUT, () -> managed.md("zs-lifecycle")
                .conditionMessage("OperationNotSupported").contains("no scale call"));
        assertThat(groupsOf(groupUuid)).singleElement().satisfies(g -> assertThat(g.status()).isEqualTo("Running"));
        assertThat(lifecycleWrites(groupUuid)).as("no restart, update or delete passed off as stop or scale").isZero();
    }

    private int lifecycleWrites(String groupUuid) {
        return vendor.requests().count("restartModelServiceGroups", groupUuid)
                + vendor.requests().count("updateModelServiceInstanceGroup", groupUuid)
                + vendor.requests().count("deleteModelServiceInstanceGroup", groupUuid)
                + vendor.requests().count("deleteModelServiceInstanceGroups", groupUuid);
    }

    @Test
    void anExpiredSessionIsRenewedTransparently() {
        managed.create(deployment("zs-session-a"));
        managed.awaitRunning("zs-session-a");
        vendor.expireSessions();
        int logins = vendor.requests().count("login");

        // The cached session is now refused (the deploy job fails with ID.1001): the operator logs in again.
        managed.create(deployment("zs-session-b"));
        ModelDeploymentView md = managed.awaitRunning("zs-session-b");

        assertThat(vendor.requests().count("login")).isGreaterThan(logins);
        assertThat(vendor.validSessions()).isPositive();
        serviceAtTheVendor(md);
    }

    // --- the template the operator registers (AddModelService, documented) ---------------------------------------

    /** Where samples/zstack.yaml points before a test points it at the simulator. */
    private static final String SAMPLE_ENDPOINT = "http://zstack-mn.example.internal:8080";

    /** The AddModelService requests that registered the template named {@code name}. */
    private List<JsonNode> addRequestsNamed(String name) {
        return vendor.requests().all().stream().filter(r -> r.operation().equals("addModelService"))
                .map(r -> {
                    try {
                        return JSON.readTree(r.body());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .filter(body -> body.path("param").path("name").asText().equals(name)).toList();
    }

    @Test
    void theSampleRegistersItsOwnTemplateThroughAddModelServiceAndRuns() {
        Serving<ZStackGroup> serving = applySampleAndAwaitServing("zstack.yaml", SAMPLE_ENDPOINT, vendor.baseUrl(),
                "qwen-zstack", id -> groupsOf(id).stream().findFirst(), ZStackGroup::url);

        ZStackGroup group = serving.service();
        ZStackTemplate template = vendor.templates().stream().filter(t -> t.uuid().equals(group.modelServiceUuid()))
                .findFirst().orElseThrow();
        assertThat(template.name()).as("the template is named as the group").isEqualTo(group.name());
        JsonNode param = template.request();
        // samples/zstack.yaml: cpu "8", memory 32Gi, Qwen/Qwen2.5-7B-Instruct served as qwen on vLLM.
        assertThat(param.path("requestCpu").asInt()).isEqualTo(8);
        assertThat(param.path("requestMemory").asLong()).as("32Gi in MiB").isEqualTo(32L * 1024);
        assertThat(param.path("modelCenterUuid").asText()).isEqualTo("7d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a");
        assertThat(param.path("installPath").asText()).isEqualTo("/opt/zstack/models/qwen2.5-7b-instruct");
        assertThat(param.path("startCommand").asText()).startsWith("python3 -m vllm.entrypoints.openai.api_server ")
                .contains(" --model Qwen/Qwen2.5-7B-Instruct ").contains(" --served-model-name qwen ");
        assertThat(param.path("resourceUuid").asText()).isEqualTo(template.uuid());
        assertThat(addRequestsNamed(group.name())).as("one AddModelService, body key param").singleElement()
                .satisfies(body -> assertThat(body.has("param")).isTrue());
        assertThat(group.request().path("memorySize").asLong()).as("32Gi in bytes").isEqualTo(32L << 30);

        managed.delete("qwen-zstack");
        managed.awaitGone("qwen-zstack");
        assertThat(groupsOf(group.uuid())).isEmpty();
    }

    @Test
    void aRefusedAddModelServiceOrDeployIsFailedWithTheVendorsWords() {
        vendor.refuseNext("addModelService", "SYS.1007", "One or more API argument is invalid",
                "SIMULATED: model center[7d1e] not found");
        managed.create(managed.sample("zstack.yaml", "zs-add-refused", vendor.baseUrl()));

        ModelDeploymentView add = managed.awaitPhase("zs-add-refused", "Failed");
        assertThat(add.conditionIs("Ready", "False", "VendorRefused")).isTrue();
        assertThat(add.conditionMessage("Ready")).contains("AddModelService: SYS.1007: One or more API argument is"
                + " invalid: SIMULATED: model center[7d1e] not found");
        assertThat(vendor.groups()).noneMatch(g -> g.name().startsWith("zs-add-refused"));

        // The job's poll now answers 200 {"success":false,"error":…}: an operator that took every 200 as done would
        // leave this deployment Pending.
        vendor.answerErrorsIn200(true).refuseNext("deployModelService", "SYS.1006", "Operation failure",
                "SIMULATED: no host has 8 free CPUs");
        try {
            managed.create(managed.sample("zstack.yaml", "zs-deploy-refused", vendor.baseUrl()));

            ModelDeploymentView deploy = managed.awaitPhase("zs-deploy-refused", "Failed");
            assertThat(deploy.conditionIs("Ready", "False", "VendorRefused")).isTrue();
            assertThat(deploy.conditionMessage("Ready")).contains("DeployModelService: SYS.1006: Operation failure:"
                    + " SIMULATED: no host has 8 free CPUs");
        } finally {
            vendor.answerErrorsIn200(false);
        }
    }
}
