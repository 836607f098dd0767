package io.modeldeploy.e2e.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.sim.platform.http.RecordedRequest;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.zstack.ZStackGroup;
import io.modeldeploy.sim.platform.zstack.ZStackSimulator;
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
 * (login sessions, async jobs, instance groups) in this JVM on 127.0.0.1. The scenarios every managed target shares
 * are in {@link ManagedTargetScenarios} and {@link DeletableTargetScenarios}; here are ZStack's own.
 */
class ZStackIT extends DeletableTargetScenarios<ZStackSimulator> {
    private static final String ACCOUNT = "admin";
    private static final String PASSWORD = "zs-it-password";
    private static final ObjectMapper JSON = new ObjectMapper();
    private String template;

    @Override
    protected String namespacePrefix() {
        return "zstack";
    }

    /** The simulator, with the template the deployments deploy. */
    @Override
    protected ZStackSimulator startSimulator() {
        ZStackSimulator zstack = ZStackSimulator.start(new InetSocketAddress("127.0.0.1", 0), ACCOUNT, PASSWORD,
                SimOptions.defaults().withDeployDelay(Duration.ofSeconds(3)));
        template = zstack.registerTemplate("qwen-template");
        return zstack;
    }

    @Override
    protected String provider() {
        return "ZStack";
    }

    @Override
    protected String credentialsSecret() {
        return "zstack-creds";
    }

    @Override
    protected String secret() {
        return PASSWORD;
    }

    @Override
    protected Map<String, String> credentials(String password) {
        return Map.of("accountName", ACCOUNT, "password", password);
    }

    /** The sample, pointed at the simulator and its template. */
    @Override
    protected GenericKubernetesResource deployment(String name) {
        GenericKubernetesResource md = managed.sample("zstack.yaml", name);
        section(md, "spec", "target").put("endpoint", vendor.baseUrl());
        section(md, "spec", "target", "zstack").put("modelServiceUuid", template);
        return md;
    }

    /** ZStack creates the instance group by deploying the template. */
    @Override
    protected String createOperation() {
        return "deployModelService";
    }

    @Override
    protected long servicesLike(String externalId) {
        String name = groupsOf(externalId).get(0).name();
        return vendor.groups().stream().filter(g -> g.name().equals(name)).count();
    }

    @Override
    protected String failedStatus() {
        return "Failed";
    }

    @Override
    protected String vendorStatusOf(String externalId) {
        return groupsOf(externalId).get(0).status();
    }

    /** The lookup is the query of the group by its derived uuid, which also reads its status while it deploys. */
    @Override
    protected Throttling throttling() {
        return new Throttling("queryModelServiceInstanceGroup", 2, Duration.ofSeconds(2), 503, false);
    }

    /** The password goes only into the login (hashed): a wrong one is a login refused with 503. */
    @Override
    protected boolean refusedForTheWrongSecret(RecordedRequest request) {
        return request.operation().equals("login") && request.status() == 503;
    }

    @Override
    protected String credentialsRefusal() {
        return "refused the login";
    }

    /** As before the shared scenarios: the groups stay, so no finalizer waits for the simulator's delete jobs. */
    @Override
    protected void releaseDeployments() {
        managed.retainAll();
    }

    private List<ZStackGroup> groupsOf(String externalId) {
        return vendor.groups().stream().filter(g -> g.uuid().equals(externalId)).toList();
    }

    @Override
    protected boolean onTheVendor(String externalId) {
        return !groupsOf(externalId).isEmpty();
    }

    @Override
    protected boolean beingDeletedOnTheVendor(String externalId) {
        return groupsOf(externalId).stream().anyMatch(ZStackGroup::deleting);
    }

    @Test
    void sampleReachesRunningWithUrlAndIdThenDeleteRemovesTheGroup() throws Exception {
        managed.create(deployment("zs-sample"));
        ModelDeploymentView md = managed.awaitRunning("zs-sample");

        String groupUuid = externalId(md);
        assertThat(groupUuid).matches("[0-9a-f]{32}");
        assertThat(md.statusField("serviceId")).isEqualTo(groupUuid);
        ZStackGroup group = groupsOf(groupUuid).get(0);
        assertThat(group.status()).isEqualTo("Running");
        assertThat(group.modelServiceUuid()).isEqualTo(template);
        assertThat(md.statusField("serviceUrl")).isEqualTo(group.url() + "/v1");
        assertThat(md.conditionIs("Ready", "True", "VendorServing")).isTrue();
        assertThat(md.resource().toString()).doesNotContain(PASSWORD);
        JsonNode deploy = JSON.readTree(vendor.requests().last("deployModelService").orElseThrow().body());
        assertThat(deploy.path("deployModelService").path("resourceUuid").asText()).isEqualTo(groupUuid);
        assertThat(deploy.path("deployModelService").path("cpuNum").asInt()).isEqualTo(8);
        var deployCall = vendor.requests().last("deployModelService").orElseThrow();
        assertThat(deployCall.header("X-Job-UUID")).hasValueSatisfying(v -> assertThat(v).matches("[0-9a-f]{32}"));
        assertThat(deployCall.header("Authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("OAuth "));

        managed.delete("zs-sample");
        managed.awaitGone("zs-sample");
        assertThat(groupsOf(groupUuid)).isEmpty();
    }

    @Test
    void stoppedAndReplicasAreNotSupportedAndNothingPretends() {
        managed.create(deployment("zs-lifecycle"));
        String groupUuid = externalId(managed.awaitRunning("zs-lifecycle"));
        int writes = lifecycleWrites();

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
        assertThat(lifecycleWrites()).as("no restart, update or delete passed off as stop or scale").isEqualTo(writes);
    }

    private int lifecycleWrites() {
        return vendor.requests().count("restartModelServiceGroups")
                + vendor.requests().count("updateModelServiceInstanceGroup")
                + vendor.requests().count("deleteModelServiceInstanceGroup");
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
        assertThat(groupsOf(externalId(md))).hasSize(1);
    }
}
