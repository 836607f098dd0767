package io.modeldeploy.e2e.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.support.Await;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.vendor.http.SimOptions;
import io.modeldeploy.sim.vendor.zstack.ZStackGroup;
import io.modeldeploy.sim.vendor.zstack.ZStackSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.externalId;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.section;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ZStack AIOS end to end: the REAL operator process and API server, the SIMULATED ZStack management node
 * (login sessions, async jobs, instance groups) in this JVM on 127.0.0.1.
 */
class ZStackIT {
    private static final String ACCOUNT = "admin";
    private static final String PASSWORD = "zs-it-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OperatorHarness harness;
    private static InNamespace ns;
    private static ManagedTargetSupport support;
    private static ZStackSimulator zstack;
    private static String template;

    @BeforeAll
    static void setUp() {
        harness = OperatorHarness.get();
        ns = new InNamespace(harness, harness.cluster().createNamespace("zstack"));
        support = new ManagedTargetSupport(harness, ns);
        zstack = ZStackSimulator.start(new InetSocketAddress("127.0.0.1", 0), ACCOUNT, PASSWORD,
                SimOptions.defaults().withDeployDelay(Duration.ofSeconds(3)));
        template = zstack.registerTemplate("qwen-template");
        support.writeSecret("zstack-creds", Map.of("accountName", ACCOUNT, "password", PASSWORD));
    }

    @AfterAll
    static void tearDown() {
        support.retainAll();
        harness.cluster().deleteNamespace(ns.name());
        zstack.close();
    }

    /** The sample, pointed at the simulator and its template. */
    private static GenericKubernetesResource sample(String name) {
        GenericKubernetesResource md = support.sample("zstack.yaml", name);
        Map<String, Object> target = section(md, "spec", "target");
        target.put("endpoint", zstack.baseUrl());
        section(md, "spec", "target", "zstack").put("modelServiceUuid", template);
        return md;
    }

    private static List<ZStackGroup> groupsOf(String externalId) {
        return zstack.groups().stream().filter(g -> g.uuid().equals(externalId)).toList();
    }

    @Test
    void sampleReachesRunningWithUrlAndIdThenDeleteRemovesTheGroup() throws Exception {
        support.create(sample("zs-sample"));
        ModelDeploymentView md = support.awaitRunning("zs-sample");

        String groupUuid = externalId(md);
        assertThat(groupUuid).matches("[0-9a-f]{32}");
        assertThat(md.statusField("serviceId")).isEqualTo(groupUuid);
        ZStackGroup group = groupsOf(groupUuid).get(0);
        assertThat(group.status()).isEqualTo("Running");
        assertThat(group.modelServiceUuid()).isEqualTo(template);
        assertThat(md.statusField("serviceUrl")).isEqualTo(group.url() + "/v1");
        assertThat(md.conditionIs("Ready", "True", "VendorServing")).isTrue();
        assertThat(md.resource().toString()).doesNotContain(PASSWORD);
        JsonNode deploy = JSON.readTree(zstack.requests().last("deployModelService").orElseThrow().body());
        assertThat(deploy.path("deployModelService").path("resourceUuid").asText()).isEqualTo(groupUuid);
        assertThat(deploy.path("deployModelService").path("cpuNum").asInt()).isEqualTo(8);
        var deployCall = zstack.requests().last("deployModelService").orElseThrow();
        assertThat(deployCall.header("X-Job-UUID")).hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f]{32}"));
        assertThat(deployCall.header("Authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("OAuth "));

        support.delete("zs-sample");
        support.awaitGone("zs-sample");
        assertThat(groupsOf(groupUuid)).isEmpty();
    }

    @Test
    void stoppedAndReplicasAreNotSupportedAndNothingPretends() {
        support.create(sample("zs-lifecycle"));
        String groupUuid = externalId(support.awaitRunning("zs-lifecycle"));
        int writes = lifecycleWrites();

        ns.patchSpec("zs-lifecycle", Map.of("stopped", true));
        support.awaitCondition("zs-lifecycle", "OperationNotSupported", "True", "OperationNotSupported");
        ModelDeploymentView stopped = harness.md(ns.name(), "zs-lifecycle");
        assertThat(stopped.conditionMessage("OperationNotSupported")).contains("no stop call");
        assertThat(stopped.phase()).isEqualTo("Running");
        support.awaitEvent("zs-lifecycle", "OperationNotSupported");

        ns.patchSpec("zs-lifecycle", Map.of("stopped", false, "replicas", 2));
        Await.until("replicas not supported", TIMEOUT, () -> harness.md(ns.name(), "zs-lifecycle")
                .conditionMessage("OperationNotSupported").contains("no scale call"));
        assertThat(groupsOf(groupUuid)).singleElement().satisfies(g -> assertThat(g.status()).isEqualTo("Running"));
        assertThat(lifecycleWrites()).as("no restart, update or delete passed off as stop or scale").isEqualTo(writes);
    }

    private static int lifecycleWrites() {
        return zstack.requests().count("restartModelServiceGroups")
                + zstack.requests().count("updateModelServiceInstanceGroup")
                + zstack.requests().count("deleteModelServiceInstanceGroup");
    }

    @Test
    void retainKeepsTheGroup() {
        GenericKubernetesResource md = sample("zs-retain");
        section(md, "spec", "target").put("deletionPolicy", "Retain");
        support.create(md);
        String groupUuid = externalId(support.awaitRunning("zs-retain"));

        support.delete("zs-retain");
        support.awaitGone("zs-retain");
        assertThat(groupsOf(groupUuid)).singleElement().satisfies(g -> assertThat(g.deleting()).isFalse());
    }

    @Test
    void aWrongPasswordIsCredentialsInvalidWithoutAHotLoop() throws InterruptedException {
        support.writeSecret("zstack-wrong", Map.of("accountName", ACCOUNT, "password", "not-the-password"));
        GenericKubernetesResource md = sample("zs-badcreds");
        section(md, "spec", "target").put("credentialsSecretRef", Map.of("name", "zstack-wrong"));
        support.create(md);

        support.awaitCondition("zs-badcreds", "Ready", "False", "CredentialsInvalid");
        support.awaitEvent("zs-badcreds", "CredentialsInvalid");
        int refused = refusedLogins();
        Thread.sleep(10_000);
        assertThat(refusedLogins() - refused).as("refused logins in 10 s after the refusal").isLessThanOrEqualTo(1);
        ModelDeploymentView view = harness.md(ns.name(), "zs-badcreds");
        assertThat(view.phase()).isEqualTo("Pending");
        assertThat(view.resource().toString()).doesNotContain("not-the-password");
        assertThat(ns.eventMessages("zs-badcreds")).noneMatch(m -> m.contains("not-the-password"));
    }

    private static int refusedLogins() {
        return (int) zstack.requests().all().stream().filter(r -> r.operation().equals("login") && r.status() == 503).count();
    }

    @Test
    void anExpiredSessionIsRenewedTransparently() {
        support.create(sample("zs-session-a"));
        support.awaitRunning("zs-session-a");
        zstack.expireSessions();
        int logins = zstack.requests().count("login");

        // The cached session is now refused (the deploy job fails with ID.1001): the operator logs in again.
        support.create(sample("zs-session-b"));
        ModelDeploymentView md = support.awaitRunning("zs-session-b");

        assertThat(zstack.requests().count("login")).isGreaterThan(logins);
        assertThat(zstack.validSessions()).isPositive();
        assertThat(groupsOf(externalId(md))).hasSize(1);
    }

    @Test
    void throttlingAndServerErrorsAreSurvivedWithoutAStorm() {
        int before = zstack.requests().all().size();
        zstack.faults().throttleNext("queryModelServiceInstanceGroup", 2, Duration.ofSeconds(2));
        zstack.faults().failNext("deployModelService", 503, 1);
        support.create(sample("zs-faults"));

        ModelDeploymentView md = support.awaitRunning("zs-faults");
        assertThat(groupsOf(externalId(md))).hasSize(1);
        assertThat(zstack.requests().all().size() - before).as("requests to reach Running").isLessThan(40);
    }

    @Test
    void aLostStatusWriteFindsTheGroupInsteadOfDeployingAgain() {
        support.create(sample("zs-lost"));
        String groupUuid = externalId(support.awaitRunning("zs-lost"));
        int deploys = zstack.requests().count("deployModelService");

        harness.operator().stop();
        support.loseExternalId("zs-lost");
        assertThat(externalId(harness.md(ns.name(), "zs-lost"))).isNull();
        harness.operator().start();

        Await.until("externalId back", TIMEOUT, () -> groupUuid.equals(externalId(harness.md(ns.name(), "zs-lost"))));
        assertThat(zstack.requests().count("deployModelService")).isEqualTo(deploys);
        assertThat(zstack.groups().stream().filter(g -> g.name().equals(groupsOf(groupUuid).get(0).name()))).hasSize(1);
    }

    @Test
    void aGroupThatFailsToDeployIsFailed() {
        zstack.faults().failNextDeployments(1);
        support.create(sample("zs-fails"));

        ModelDeploymentView md = harness.awaitPhase(ns.name(), "zs-fails", "Failed");
        assertThat(md.conditionIs("Degraded", "True", "VendorFailed")).isTrue();
        assertThat(groupsOf(externalId(md))).singleElement().satisfies(g -> assertThat(g.status()).isEqualTo("Failed"));
    }
}
