package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.e2e.managed.ManagedPlatform.Credentials;
import io.modeldeploy.e2e.managed.ManagedPlatform.Deletion;
import io.modeldeploy.e2e.managed.ManagedPlatform.Failures;
import io.modeldeploy.e2e.managed.ManagedPlatform.Release;
import io.modeldeploy.e2e.managed.ManagedPlatform.Services;
import io.modeldeploy.e2e.managed.ManagedPlatform.Throttling;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.sim.platform.drun.DRunModelServing;
import io.modeldeploy.sim.platform.drun.DRunSimulator;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.targetSpec;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.targetField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DaoCloud d.run as a managed target end to end: the REAL packaged operator on the REAL local control
 * plane, driving the SIMULATED d.run (Hydra) model-serving API started in this JVM. The scenarios every managed
 * target shares are in {@link ManagedTargetScenarios} and {@link DeletableTargetScenarios}; here are d.run's own.
 */
class DRunIT extends DeletableTargetScenarios<DRunSimulator> {
    private static final String TOKEN = "drun-it-access-key";
    /** The placeholder the sample carries: no d.run page names the management host. */
    private static final String SAMPLE_ENDPOINT = "https://hydra.d-run.example";

    private static final ManagedPlatform<DRunSimulator> D_RUN = new ManagedPlatform<>("DRun", "drun",
            () -> DRunSimulator.start(ManagedPlatform.loopback(), TOKEN, SimOptions.defaults()
                    .withDeployDelay(Duration.ofSeconds(2)).withTransitionDelay(Duration.ofSeconds(1))),
            new Credentials("drun-creds", TOKEN, token -> Map.of("token", token)),
            (vendor, managed, name) -> serving(vendor, name, 1),
            Services.byName("create", DRunSimulator::services, DRunModelServing::id, DRunModelServing::name,
                    DRunSimulator::service, DRunModelServing::status),
            // Lookups are lists by name; status is read with get. The token travels as a bearer token.
            new Failures("FAILED", new Throttling("list", 2, Duration.ofSeconds(2), 502, true),
                    ManagedPlatform.carriesTheWrongSecret(), "answered 401"),
            Release.DELETE_ALL,
            Optional.of(new Deletion<>((vendor, id) -> vendor.service(id).isPresent(),
                    (vendor, id) -> vendor.service(id).map(s -> s.status().equals("DELETING")).orElse(false))));

    DRunIT() {
        super(D_RUN);
    }

    @Test
    void sampleRunsOnDRunWithUrlAndIdAndNoKeySecret() {
        Serving<DRunModelServing> running = applySampleAndAwaitServing("drun.yaml", SAMPLE_ENDPOINT,
                vendor.baseUrl(), "llama-drun", vendor::service, DRunModelServing::address);
        ModelDeploymentView md = running.md();
        DRunModelServing serving = running.service();
        assertThat(serving.request().path("region").asText()).isEqualTo("sh-02");
        assertThat(serving.request().path("skuId").asText()).isEqualTo("sku-4090-1");
        assertThat(serving.request().path("modelId").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(vendor.requests().last("create", vendorKey(md)).orElseThrow().header("Authorization"))
                .contains("Bearer " + TOKEN);
        // d.run names the model <user namespace>/<name>: the name derived from the uid, not the one the operator sent.
        assertThat(md.statusField("servedNames")).as("d.run names the model")
                .isEqualTo(List.of(vendor.userNamespace() + "/" + ExpectedVendorNames.serviceName(md)));
        assertThat(md.statusField("apiKeySecret")).as("d.run issues no key per service").isNull();
        assertThat(managed.secretValue("llama-drun-api-key", "apiKey")).isEmpty();
    }

    @Test
    void replicasGoThroughPatchReplicas() {
        managed.create(serving(vendor, "scaled", 1));
        String id = serviceAtTheVendor(managed.awaitPhase("scaled", "Running"));

        ns.patchSpec("scaled", Map.of("replicas", 3));

        Await.until("three replicas on d.run and in status", TIMEOUT, () -> vendor.service(id).orElseThrow().replicas() == 3
                && "Running".equals(managed.md("scaled").phase()) && Integer.valueOf(3).equals(managed.md("scaled").statusField("replicas")));
        assertThat(vendor.requests().last("scale", id).orElseThrow().body()).contains("\"replicas\":3");
    }

    @Test
    void stopAndStartGoThroughTheActions() {
        managed.create(serving(vendor, "pausable", 1));
        String id = serviceAtTheVendor(managed.awaitPhase("pausable", "Running"));

        ns.patchSpec("pausable", Map.of("stopped", true));
        managed.awaitPhase("pausable", "Stopped");
        assertThat(vendor.service(id).orElseThrow().status()).isEqualTo("STOPPED");
        assertThat(vendor.requests().last("action", id).orElseThrow().body()).contains("STOP");

        ns.patchSpec("pausable", Map.of("stopped", false));
        managed.awaitPhase("pausable", "Running");
        assertThat(vendor.service(id).orElseThrow().status()).isEqualTo("RUNNING");
        assertThat(vendor.requests().last("action", id).orElseThrow().body()).contains("START");
        assertThat(managed.md("pausable").condition("OperationNotSupported")).isEmpty();
    }

    @Test
    void aModelChangeAfterCreationIsReportedNotIgnored() {
        managed.create(serving(vendor, "drifts", 1));
        ModelDeploymentView running = managed.awaitPhase("drifts", "Running");
        String id = serviceAtTheVendor(running);

        ns.patchSpec("drifts", Map.of("model", Map.of("id", "Qwen/Qwen2.5-7B-Instruct")));

        Await.until("OperationNotSupported for the model change", TIMEOUT, () -> managed.md("drifts")
                .conditionMessage("OperationNotSupported").contains("spec changed after the DRun service was created"));
        Await.until("a Warning event", TIMEOUT, () -> ns.eventReasons("drifts").contains("OperationNotSupported"));
        assertThat(vendor.service(id).orElseThrow().request().path("modelId").asText())
                .as("nothing pretended: d.run still serves the first model").isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(vendor.requests().count("create", vendorKey(running))).as("creates of drifts").isEqualTo(1);

        // replicas still go through, with the model change still reported
        ns.patchSpec("drifts", Map.of("replicas", 2));
        Await.until("two replicas on d.run", TIMEOUT, () -> vendor.service(id).orElseThrow().replicas() == 2);
    }

    private static GenericKubernetesResource serving(DRunSimulator vendor, String name, int replicas) {
        return Manifests.quickStart(name, "meta-llama/Llama-3.1-8B-Instruct", "vllm", "0.8.4",
                "{gpu: {type: RTX4090, count: 1}}", "replicas: " + replicas + "\n"
                        + targetSpec("DRun", vendor.baseUrl(), "drun-creds", "dRun: {region: sh-02, skuId: sku-4090-1}"));
    }
}
