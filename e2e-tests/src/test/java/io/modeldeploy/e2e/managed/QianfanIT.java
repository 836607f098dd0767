package io.modeldeploy.e2e.managed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.managed.ManagedPlatform.Credentials;
import io.modeldeploy.e2e.managed.ManagedPlatform.Failures;
import io.modeldeploy.e2e.managed.ManagedPlatform.Release;
import io.modeldeploy.e2e.managed.ManagedPlatform.Services;
import io.modeldeploy.e2e.managed.ManagedPlatform.Throttling;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.platform.qianfan.QianfanService;
import io.modeldeploy.sim.platform.qianfan.QianfanSimulator;
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
 * Baidu Qianfan end to end: the REAL operator process and API server, the SIMULATED Qianfan {@code /v2/service}
 * (which checks every bce-auth-v1 signature) in this JVM on 127.0.0.1. The scenarios every managed target shares
 * are in {@link ManagedTargetScenarios}; here are Qianfan's own.
 */
class QianfanIT extends ManagedTargetScenarios<QianfanSimulator> {
    private static final String ACCESS_KEY = "it-access-key";
    private static final String SECRET_KEY = "it-secret-key-do-not-log";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ManagedPlatform<QianfanSimulator> QIANFAN = new ManagedPlatform<>("Qianfan", "qianfan",
            () -> QianfanSimulator.start(ManagedPlatform.loopback(), ACCESS_KEY, SECRET_KEY,
                    SimOptions.defaults().withDeployDelay(Duration.ofSeconds(3))),
            new Credentials("qianfan-creds", SECRET_KEY, secretKey -> Map.of("accessKey", ACCESS_KEY, "secretKey", secretKey)),
            // The sample, pointed at the simulator; its served name (Qianfan's urlSuffix) is unique per test.
            (vendor, managed, name) -> {
                GenericKubernetesResource md = managed.sample("qianfan.yaml", name, vendor.baseUrl());
                section(md, "spec", "model").put("servedNames", List.of(name + "-model"));
                return md;
            },
            // Qianfan accepts duplicate names (the provider's lookup key): a second create would be a second service.
            Services.byName("CreateService", QianfanSimulator::services, QianfanService::serviceId, QianfanService::name,
                    QianfanSimulator::service, QianfanService::runStatus),
            // Lookups are DescribeServices by name; status is read with DescribeService. Requests signed with the
            // wrong key are the only ones Qianfan refuses (400 SignatureDoesNotMatch).
            new Failures("Failed", new Throttling("DescribeServices", 1, Duration.ofSeconds(4), 500, true),
                    request -> request.status() == 400, "SignatureDoesNotMatch"),
            // Qianfan deletes services only in its console: every service stays, so no finalizer waits for it.
            Release.RETAIN_ALL,
            Optional.empty());

    QianfanIT() {
        super(QIANFAN);
    }

    private static QianfanService service(QianfanSimulator vendor, String serviceId) {
        return vendor.service(serviceId).orElseThrow(() -> new AssertionError(serviceId + " is not on Qianfan"));
    }

    private QianfanService service(String serviceId) {
        return service(vendor, serviceId);
    }

    @Test
    void sampleReachesRunningWithTheOpenAiBaseAndId() throws Exception {
        ModelDeploymentView md = createAndAwaitRunning("qf-sample");

        String serviceId = externalId(md);
        assertThat(serviceId).startsWith("svco-");
        String name = vendorKey(md);
        // The v2 OpenAI base on the endpoint's host (DescribeService's url is the v1 address), and urlSuffix as the
        // model clients send.
        assertThat(md.statusField("serviceUrl")).isEqualTo(vendor.baseUrl() + "/v2");
        assertThat(md.statusField("servedNames")).isEqualTo(List.of(service(serviceId).urlSuffix()));
        assertThat(service(serviceId).urlSuffix()).isEqualTo("qf-sample-model");
        assertThat(md.conditionIs("Ready", "True", "VendorServing")).isTrue();
        QianfanService service = service(serviceId);
        assertThat(service.runStatus()).isEqualTo("Serving");
        assertThat(service.urlSuffix()).isEqualTo("qf-sample-model");
        assertThat(service.protocolVersion()).isEqualTo(2);
        assertThat(service.modelSetId()).isEqualTo("am-6a8b2c4d5e6f");
        assertThat(service.modelId()).isEqualTo("amv-7d9e1f2a3b4c");
        JsonNode create = JSON.readTree(vendor.requests().last("CreateService", name).orElseThrow().body());
        assertThat(create.path("resourceConfig").path("type").asText()).isEqualTo("GPU-I-2");
        assertThat(vendor.requests().last("CreateService", name).orElseThrow().header("Authorization"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("bce-auth-v1/" + ACCESS_KEY + "/")
                        .contains("/host;x-bce-date/").doesNotContain(SECRET_KEY));
        assertThat(md.resource().toString()).doesNotContain(SECRET_KEY);
    }

    @Test
    void replicasChangeThroughScaleService() {
        managed.create(deployment("qf-scale"));
        String serviceId = serviceAtTheVendor(managed.awaitRunning("qf-scale"));

        ns.patchSpec("qf-scale", Map.of("replicas", 2));
        Await.until("2 replicas on Qianfan and in status", TIMEOUT, () -> service(serviceId).units().values().stream()
                .mapToInt(Integer::intValue).sum() == 2 && managed.md("qf-scale").readyReplicas() == 2
                && "Running".equals(managed.md("qf-scale").phase()));
        assertThat(vendor.requests().count("ScaleService", serviceId)).as("ScaleService calls for qf-scale").isEqualTo(1);
        managed.awaitEvent("qf-scale", "VendorScaleRequested");
    }

    @Test
    void stoppedIsNotSupportedAndNothingPretends() {
        managed.create(deployment("qf-stop"));
        String serviceId = serviceAtTheVendor(managed.awaitRunning("qf-stop"));

        ns.patchSpec("qf-stop", Map.of("stopped", true));
        managed.awaitCondition("qf-stop", "OperationNotSupported", "True", "OperationNotSupported");
        managed.awaitEvent("qf-stop", "OperationNotSupported");
        ModelDeploymentView md = managed.md("qf-stop");
        assertThat(md.conditionMessage("OperationNotSupported")).contains("no stop call");
        assertThat(md.phase()).isEqualTo("Running");
        assertThat(service(serviceId).runStatus()).isEqualTo("Serving");
        assertThat(vendor.requests().count("ScaleService", serviceId)).as("no scale-to-zero passed off as a stop")
                .isZero();
    }

    @Test
    void deleteWaitsForTheConsoleThenReleases() {
        String serviceId = deletedAndWaitingForTheConsole("qf-delete");

        assertThat(vendor.deleteInConsole(serviceId)).isTrue();
        managed.awaitGone("qf-delete");
    }

    @Test
    void retainReleasesAWaitingDeleteAndKeepsTheService() {
        String serviceId = deletedAndWaitingForTheConsole("qf-retain");

        managed.setDeletionPolicy("qf-retain", "Retain");
        managed.awaitGone("qf-retain");
        assertThat(service(serviceId).runStatus()).isEqualTo("Serving");
    }

    /**
     * The page documents the error shape, not its status: a Qianfan that says "no such service" in a 200 body still
     * releases the deletion once the service is gone, and no other answer of that vendor is taken for one.
     */
    @Test
    void aServiceGoneSaidInA200BodyReleasesTheDeletionToo() {
        QianfanSimulator own = ownVendor().errorsWithStatus200(true);
        String serviceId = deletedAndWaitingForTheConsole(own, "qf-gone-200");

        assertThat(own.deleteInConsole(serviceId)).isTrue();
        managed.awaitGone("qf-gone-200");
    }

    /** A running deployment, deleted: its finalizer holds it and tells the user to delete the service in the console. */
    private String deletedAndWaitingForTheConsole(String name) {
        return deletedAndWaitingForTheConsole(vendor, name);
    }

    private String deletedAndWaitingForTheConsole(QianfanSimulator on, String name) {
        managed.create(deploymentOn(on, name));
        String serviceId = serviceAtTheVendor(on, managed.awaitRunning(name));

        managed.delete(name);
        managed.awaitEvent(name, "VendorDeleteFailed");
        assertThat(ns.eventMessages(name)).anyMatch(m -> m.contains("Qianfan console") && m.contains(serviceId));
        assertThat(managed.exists(name)).as("kept while the service exists").isTrue();
        return serviceId;
    }
}
