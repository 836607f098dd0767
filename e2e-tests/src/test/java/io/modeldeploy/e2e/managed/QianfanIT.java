package io.modeldeploy.e2e.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.support.Await;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.vendor.http.SimOptions;
import io.modeldeploy.sim.vendor.qianfan.QianfanService;
import io.modeldeploy.sim.vendor.qianfan.QianfanSimulator;
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
 * Baidu Qianfan end to end: the REAL operator process and API server, the SIMULATED Qianfan {@code /v2/service}
 * (which checks every bce-auth-v1 signature) in this JVM on 127.0.0.1.
 */
class QianfanIT {
    private static final String ACCESS_KEY = "it-access-key";
    private static final String SECRET_KEY = "it-secret-key-do-not-log";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static OperatorHarness harness;
    private static InNamespace ns;
    private static ManagedTargetSupport support;
    private static QianfanSimulator qianfan;

    @BeforeAll
    static void setUp() {
        harness = OperatorHarness.get();
        ns = new InNamespace(harness, harness.cluster().createNamespace("qianfan"));
        support = new ManagedTargetSupport(harness, ns);
        qianfan = QianfanSimulator.start(new InetSocketAddress("127.0.0.1", 0), ACCESS_KEY, SECRET_KEY,
                SimOptions.defaults().withDeployDelay(Duration.ofSeconds(3)));
        support.writeSecret("qianfan-creds", Map.of("accessKey", ACCESS_KEY, "secretKey", SECRET_KEY));
    }

    @AfterAll
    static void tearDown() {
        support.retainAll();
        harness.cluster().deleteNamespace(ns.name());
        qianfan.close();
    }

    /** The sample, pointed at the simulator; its served name (Qianfan's urlSuffix) is unique per test. */
    private static GenericKubernetesResource sample(String name) {
        GenericKubernetesResource md = support.sample("qianfan.yaml", name);
        section(md, "spec", "target").put("endpoint", qianfan.baseUrl());
        section(md, "spec", "model").put("servedNames", List.of(name + "-model"));
        return md;
    }

    private static QianfanService service(String serviceId) {
        return qianfan.service(serviceId).orElseThrow(() -> new AssertionError(serviceId + " is not on Qianfan"));
    }

    @Test
    void sampleReachesRunningWithTheOpenAiBaseAndId() throws Exception {
        support.create(sample("qf-sample"));
        ModelDeploymentView md = support.awaitRunning("qf-sample");

        String serviceId = externalId(md);
        assertThat(serviceId).startsWith("svco-");
        assertThat(md.statusField("serviceId")).isEqualTo(serviceId);
        assertThat(md.statusField("serviceUrl")).isEqualTo("https://qianfan.sim.invalid/v2");
        assertThat(md.statusField("servedNames")).isEqualTo(List.of("qf-sample-model"));
        assertThat(md.conditionIs("Ready", "True", "VendorServing")).isTrue();
        QianfanService service = service(serviceId);
        assertThat(service.runStatus()).isEqualTo("Serving");
        assertThat(service.urlSuffix()).isEqualTo("qf-sample-model");
        assertThat(service.protocolVersion()).isEqualTo(2);
        assertThat(service.modelSetId()).isEqualTo("am-6a8b2c4d5e6f");
        assertThat(service.modelId()).isEqualTo("amv-7d9e1f2a3b4c");
        JsonNode create = JSON.readTree(qianfan.requests().last("CreateService").orElseThrow().body());
        assertThat(create.path("resourceConfig").path("type").asText()).isEqualTo("GPU-I-2");
        assertThat(qianfan.requests().last("CreateService").orElseThrow().header("Authorization"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("bce-auth-v1/" + ACCESS_KEY + "/")
                        .contains("/host;x-bce-date/").doesNotContain(SECRET_KEY));
        assertThat(md.resource().toString()).doesNotContain(SECRET_KEY);
    }

    @Test
    void replicasChangeThroughScaleService() {
        support.create(sample("qf-scale"));
        String serviceId = externalId(support.awaitRunning("qf-scale"));

        ns.patchSpec("qf-scale", Map.of("replicas", 2));
        Await.until("2 replicas on Qianfan and in status", TIMEOUT, () -> service(serviceId).units().values().stream()
                .mapToInt(Integer::intValue).sum() == 2 && harness.md(ns.name(), "qf-scale").readyReplicas() == 2
                && "Running".equals(harness.md(ns.name(), "qf-scale").phase()));
        assertThat(qianfan.requests().count("ScaleService")).isEqualTo(1);
        support.awaitEvent("qf-scale", "VendorScaleRequested");
    }

    @Test
    void stoppedIsNotSupportedAndNothingPretends() {
        support.create(sample("qf-stop"));
        String serviceId = externalId(support.awaitRunning("qf-stop"));
        int scales = qianfan.requests().count("ScaleService");

        ns.patchSpec("qf-stop", Map.of("stopped", true));
        support.awaitCondition("qf-stop", "OperationNotSupported", "True", "OperationNotSupported");
        support.awaitEvent("qf-stop", "OperationNotSupported");
        ModelDeploymentView md = harness.md(ns.name(), "qf-stop");
        assertThat(md.conditionMessage("OperationNotSupported")).contains("no stop call");
        assertThat(md.phase()).isEqualTo("Running");
        assertThat(service(serviceId).runStatus()).isEqualTo("Serving");
        assertThat(qianfan.requests().count("ScaleService")).as("no scale-to-zero passed off as a stop")
                .isEqualTo(scales);
    }

    @Test
    void deleteWaitsForTheConsoleThenReleases() {
        support.create(sample("qf-delete"));
        String serviceId = externalId(support.awaitRunning("qf-delete"));

        support.delete("qf-delete");
        support.awaitEvent("qf-delete", "VendorDeleteFailed");
        assertThat(ns.eventMessages("qf-delete")).anyMatch(m -> m.contains("Qianfan console") && m.contains(serviceId));
        assertThat(harness.mds(ns.name()).withName("qf-delete").get()).as("kept while the service exists").isNotNull();

        assertThat(qianfan.deleteInConsole(serviceId)).isTrue();
        support.awaitGone("qf-delete");
    }

    @Test
    void retainReleasesAWaitingDeleteAndKeepsTheService() {
        support.create(sample("qf-retain"));
        String serviceId = externalId(support.awaitRunning("qf-retain"));

        support.delete("qf-retain");
        support.awaitEvent("qf-retain", "VendorDeleteFailed");
        support.setDeletionPolicy("qf-retain", "Retain");
        support.awaitGone("qf-retain");
        assertThat(service(serviceId).runStatus()).isEqualTo("Serving");
    }

    @Test
    void aWrongSecretKeyIsCredentialsInvalidWithoutAHotLoop() throws InterruptedException {
        support.writeSecret("qianfan-wrong", Map.of("accessKey", ACCESS_KEY, "secretKey", "not-the-secret-key"));
        GenericKubernetesResource md = sample("qf-badsig");
        section(md, "spec", "target").put("credentialsSecretRef", Map.of("name", "qianfan-wrong"));
        support.create(md);

        support.awaitCondition("qf-badsig", "Ready", "False", "CredentialsInvalid");
        support.awaitEvent("qf-badsig", "CredentialsInvalid");
        assertThat(harness.md(ns.name(), "qf-badsig").conditionMessage("Ready")).contains("SignatureDoesNotMatch");
        int refused = refusedSignatures();
        Thread.sleep(10_000);
        assertThat(refusedSignatures() - refused).as("refused requests in 10 s after the refusal").isLessThanOrEqualTo(1);
        assertThat(harness.md(ns.name(), "qf-badsig").resource().toString()).doesNotContain("not-the-secret-key");
        assertThat(ns.eventMessages("qf-badsig")).noneMatch(m -> m.contains("not-the-secret-key"));
    }

    /** Requests of the deployment with the wrong key: the only ones Qianfan refuses with SignatureDoesNotMatch. */
    private static int refusedSignatures() {
        return (int) qianfan.requests().all().stream().filter(r -> r.status() == 400).count();
    }

    @Test
    void throttlingAndServerErrorsAreSurvivedWithoutAStorm() {
        int before = qianfan.requests().all().size();
        int creates = qianfan.requests().count("CreateService");
        qianfan.faults().throttleNext("DescribeServices", 1, Duration.ofSeconds(2));
        qianfan.faults().failNext("CreateService", 500, 1);
        support.create(sample("qf-faults"));

        ModelDeploymentView md = support.awaitRunning("qf-faults");
        assertThat(qianfan.services().stream().filter(s -> s.urlSuffix().equals("qf-faults-model"))).hasSize(1);
        assertThat(qianfan.requests().count("CreateService") - creates).as("one refused by the fault, one that worked")
                .isEqualTo(2);
        assertThat(qianfan.requests().all().size() - before).as("requests to reach Running").isLessThan(40);
        assertThat(externalId(md)).startsWith("svco-");
    }

    @Test
    void aLostStatusWriteFindsTheServiceInsteadOfCreatingAnother() {
        support.create(sample("qf-lost"));
        String serviceId = externalId(support.awaitRunning("qf-lost"));
        int creates = qianfan.requests().count("CreateService");

        harness.operator().stop();
        support.loseExternalId("qf-lost");
        assertThat(externalId(harness.md(ns.name(), "qf-lost"))).isNull();
        harness.operator().start();

        Await.until("externalId back", TIMEOUT, () -> serviceId.equals(externalId(harness.md(ns.name(), "qf-lost"))));
        assertThat(qianfan.requests().count("CreateService")).isEqualTo(creates);
        assertThat(qianfan.services().stream().filter(s -> s.urlSuffix().equals("qf-lost-model"))).hasSize(1);
    }

    @Test
    void aServiceThatFailsToDeployIsFailed() {
        qianfan.faults().failNextDeployments(1);
        support.create(sample("qf-fails"));

        ModelDeploymentView md = harness.awaitPhase(ns.name(), "qf-fails", "Failed");
        assertThat(md.conditionIs("Degraded", "True", "VendorFailed")).isTrue();
        assertThat(service(externalId(md)).runStatus()).isEqualTo("Failed");
    }
}
