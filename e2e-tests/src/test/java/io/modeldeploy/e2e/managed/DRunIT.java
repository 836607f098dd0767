package io.modeldeploy.e2e.managed;

import io.modeldeploy.e2e.support.Await;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.vendor.drun.DRunModelServing;
import io.modeldeploy.sim.vendor.drun.DRunSimulator;
import io.modeldeploy.sim.vendor.http.SimOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.countSince;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.targetField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DaoCloud d.run as a managed target end to end: the REAL packaged operator on the REAL local control
 * plane, driving the SIMULATED d.run (Hydra) model-serving API started in this JVM.
 */
class DRunIT {
    private static final String TOKEN = "drun-it-access-key";
    private static final String DOCUMENTED_ENDPOINT = "https://api.d.run";

    private static OperatorHarness harness;
    private static InNamespace ns;
    private static ManagedTargetSupport managed;
    private static DRunSimulator drun;

    @BeforeAll
    static void setUp() {
        harness = OperatorHarness.get();
        ns = new InNamespace(harness, harness.cluster().createNamespace("drun"));
        managed = new ManagedTargetSupport(harness, ns);
        drun = DRunSimulator.start(new InetSocketAddress("127.0.0.1", 0), TOKEN,
                SimOptions.defaults().withDeployDelay(Duration.ofSeconds(2)).withTransitionDelay(Duration.ofSeconds(1)));
        managed.writeSecret("drun-creds", Map.of("token", TOKEN));
    }

    @AfterAll
    static void tearDown() {
        if (ns != null) {
            managed.deleteAllDeployments();
            harness.cluster().deleteNamespace(ns.name());
        }
        if (drun != null) {
            drun.close();
        }
    }

    @Test
    void sampleRunsOnDRunWithUrlAndIdAndNoKeySecret() {
        managed.applySample("drun.yaml", DOCUMENTED_ENDPOINT, drun.baseUrl());

        ModelDeploymentView md = managed.awaitPhase("llama-drun", "Running");
        DRunModelServing serving = drun.service((String) md.statusField("serviceId")).orElseThrow();
        assertThat(targetField(md, "externalId")).isEqualTo(serving.id());
        assertThat(targetField(md, "provider")).isEqualTo("DRun");
        assertThat(md.statusField("serviceUrl")).isEqualTo(serving.address() + "/v1");
        assertThat(md.conditionIs("Ready", "True", "VendorServing")).isTrue();
        assertThat(serving.request().path("region").asText()).isEqualTo("sh-02");
        assertThat(serving.request().path("skuId").asText()).isEqualTo("sku-4090-1");
        assertThat(serving.request().path("modelId").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(drun.requests().last("create").orElseThrow().header("Authorization")).contains("Bearer " + TOKEN);
        assertThat(md.statusField("servedNames")).as("d.run names the model").isEqualTo(java.util.List.of(serving.accessModelName()));
        assertThat(md.statusField("apiKeySecret")).as("d.run issues no key per service").isNull();
        assertThat(managed.secretValue("llama-drun-api-key", "apiKey")).isEmpty();
    }

    @Test
    void replicasGoThroughPatchReplicas() {
        managed.create(serving("scaled", 1, ""));
        String id = (String) managed.awaitPhase("scaled", "Running").statusField("serviceId");

        ns.patchSpec("scaled", Map.of("replicas", 3));

        Await.until("three replicas on d.run and in status", TIMEOUT, () -> drun.service(id).orElseThrow().replicas() == 3
                && "Running".equals(managed.md("scaled").phase()) && Integer.valueOf(3).equals(managed.md("scaled").statusField("replicas")));
        assertThat(drun.requests().last("scale").orElseThrow().body()).contains("\"replicas\":3");
    }

    @Test
    void stopAndStartGoThroughTheActions() {
        managed.create(serving("pausable", 1, ""));
        String id = (String) managed.awaitPhase("pausable", "Running").statusField("serviceId");

        ns.patchSpec("pausable", Map.of("stopped", true));
        managed.awaitPhase("pausable", "Stopped");
        assertThat(drun.service(id).orElseThrow().status()).isEqualTo("STOPPED");
        assertThat(drun.requests().last("action").orElseThrow().body()).contains("STOP");

        ns.patchSpec("pausable", Map.of("stopped", false));
        managed.awaitPhase("pausable", "Running");
        assertThat(drun.service(id).orElseThrow().status()).isEqualTo("RUNNING");
        assertThat(drun.requests().last("action").orElseThrow().body()).contains("START");
        assertThat(managed.md("pausable").condition("OperationNotSupported")).isEmpty();
    }

    @Test
    void aModelChangeAfterCreationIsReportedNotIgnored() {
        managed.create(serving("drifts", 1, ""));
        String id = (String) managed.awaitPhase("drifts", "Running").statusField("serviceId");
        int creates = drun.requests().count("create");

        ns.patchSpec("drifts", Map.of("model", Map.of("id", "Qwen/Qwen2.5-7B-Instruct")));

        Await.until("OperationNotSupported for the model change", TIMEOUT, () -> managed.md("drifts")
                .conditionMessage("OperationNotSupported").contains("spec changed after the DRun service was created"));
        Await.until("a Warning event", TIMEOUT, () -> ns.eventReasons("drifts").contains("OperationNotSupported"));
        assertThat(drun.service(id).orElseThrow().request().path("modelId").asText())
                .as("nothing pretended: d.run still serves the first model").isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(drun.requests().count("create")).isEqualTo(creates);

        // replicas still go through, with the model change still reported
        ns.patchSpec("drifts", Map.of("replicas", 2));
        Await.until("two replicas on d.run", TIMEOUT, () -> drun.service(id).orElseThrow().replicas() == 2);
    }

    @Test
    void deleteRemovesTheVendorServiceAndRetainKeepsIt() {
        managed.create(serving("goes-away", 1, ""));
        managed.create(serving("stays", 1, "deletionPolicy: Retain"));
        String gone = (String) managed.awaitPhase("goes-away", "Running").statusField("serviceId");
        String kept = (String) managed.awaitPhase("stays", "Running").statusField("serviceId");

        managed.delete("goes-away");
        managed.delete("stays");
        managed.awaitGone("goes-away");
        managed.awaitGone("stays");

        assertThat(drun.service(gone)).isEmpty();
        assertThat(drun.service(kept)).isPresent();
        assertThat(ns.eventReasons("stays")).contains("VendorServiceRetained");
    }

    @Test
    void wrongCredentialsAreCredentialsInvalidWithoutAHotLoop() throws InterruptedException {
        managed.writeSecret("wrong-drun", Map.of("token", "not-the-token"));
        managed.create(serving("bad-token", 1, "").replace("drun-creds", "wrong-drun"));

        ModelDeploymentView md = managed.awaitCondition("bad-token", "Ready", "False", "CredentialsInvalid");
        assertThat(md.phase()).isEqualTo("Pending");
        assertThat(md.resource().toString()).doesNotContain("not-the-token");
        Await.until("a CredentialsInvalid event", TIMEOUT, () -> ns.eventReasons("bad-token").contains("CredentialsInvalid"));
        assertThat(String.join("\n", ns.eventMessages("bad-token"))).doesNotContain("not-the-token");

        Instant since = Instant.now();
        Thread.sleep(10_000);
        assertThat(countSince(drun.requests(), since, r -> r.header("Authorization").orElse("").contains("not-the-token")))
                .as("requests with the refused key in 10 s").isLessThanOrEqualTo(1);

        // With the key fixed, the finalizer can ask the vendor again and lets go.
        managed.writeSecret("wrong-drun", Map.of("token", TOKEN));
        managed.deleteAndAwaitGone("bad-token");
    }

    @Test
    void throttlingAndServerErrorsAreSurvivedWithoutAStorm() {
        int createsBefore = drun.requests().count("create");
        int listsBefore = drun.requests().count("list");
        drun.faults().throttleNext("list", 2, Duration.ofSeconds(1)).failNext("create", 502, 1);

        managed.create(serving("bumpy", 1, ""));

        ModelDeploymentView md = managed.awaitPhase("bumpy", "Running");
        String name = drun.service((String) md.statusField("serviceId")).orElseThrow().name();
        assertThat(drun.services().stream().filter(s -> s.name().equals(name))).hasSize(1);
        assertThat(drun.requests().count("create") - createsBefore).as("one refused by a 502, one accepted").isEqualTo(2);
        assertThat(drun.requests().count("list") - listsBefore).as("lookups before each create").isBetween(4, 6);
    }

    @Test
    void aLostStatusWriteFindsTheServiceByNameInsteadOfCreatingASecond() {
        managed.create(serving("lost-write", 1, ""));
        String id = (String) managed.awaitPhase("lost-write", "Running").statusField("serviceId");
        int createsBefore = drun.requests().count("create");

        harness.operator().stop();
        managed.loseExternalId("lost-write");
        assertThat(targetField(managed.md("lost-write"), "externalId")).isNull();
        harness.operator().start();

        Await.until("the same vendor id back in status", TIMEOUT,
                () -> id.equals(targetField(managed.md("lost-write"), "externalId")));
        assertThat(drun.requests().count("create")).isEqualTo(createsBefore);
        String name = drun.service(id).orElseThrow().name();
        assertThat(drun.services().stream().filter(s -> s.name().equals(name))).hasSize(1);
    }

    @Test
    void aServiceThatFailsToDeployIsFailed() {
        drun.faults().failNextDeployments(1);
        managed.create(serving("broken", 1, ""));

        ModelDeploymentView md = managed.awaitPhase("broken", "Failed");
        assertThat(md.conditionIs("Degraded", "True", "VendorFailed")).isTrue();
        assertThat(targetField(md, "vendorStatus")).isEqualTo("FAILED");
    }

    private static String serving(String name, int replicas, String targetExtra) {
        return """
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: %s}
                spec:
                  model: {id: meta-llama/Llama-3.1-8B-Instruct}
                  replicas: %d
                  quickStart:
                    backend: vllm
                    backendVersion: "0.8.4"
                    resources: {gpu: {type: RTX4090, count: 1}}
                  target:
                    provider: DRun
                    endpoint: %s
                    credentialsSecretRef: {name: drun-creds}
                    dRun: {region: sh-02, skuId: sku-4090-1}
                    %s
                """.formatted(name, replicas, drun.baseUrl(), targetExtra);
    }
}
