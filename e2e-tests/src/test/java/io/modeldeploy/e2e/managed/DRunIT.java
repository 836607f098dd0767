package io.modeldeploy.e2e.managed;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.sim.platform.drun.DRunModelServing;
import io.modeldeploy.sim.platform.drun.DRunSimulator;
import io.modeldeploy.sim.platform.http.RecordedRequest;
import io.modeldeploy.sim.platform.http.SimOptions;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.modeldeploy.e2e.managed.ManagedTargetSupport.TIMEOUT;
import static io.modeldeploy.e2e.managed.ManagedTargetSupport.targetField;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DaoCloud d.run as a managed target end to end: the REAL packaged operator on the REAL local control
 * plane, driving the SIMULATED d.run (Hydra) model-serving API started in this JVM. The scenarios every managed
 * target shares are in {@link ManagedTargetScenarios} and {@link DeletableTargetScenarios}; here are d.run's own.
 */
class DRunIT extends DeletableTargetScenarios<DRunSimulator> {
    private static final String TOKEN = "drun-it-access-key";
    private static final String DOCUMENTED_ENDPOINT = "https://api.d.run";

    @Override
    protected String namespacePrefix() {
        return "drun";
    }

    @Override
    protected DRunSimulator startSimulator() {
        return DRunSimulator.start(new InetSocketAddress("127.0.0.1", 0), TOKEN,
                SimOptions.defaults().withDeployDelay(Duration.ofSeconds(2)).withTransitionDelay(Duration.ofSeconds(1)));
    }

    @Override
    protected String provider() {
        return "DRun";
    }

    @Override
    protected String credentialsSecret() {
        return "drun-creds";
    }

    @Override
    protected String secret() {
        return TOKEN;
    }

    @Override
    protected Map<String, String> credentials(String token) {
        return Map.of("token", token);
    }

    @Override
    protected GenericKubernetesResource deployment(String name) {
        return ManagedTargetSupport.manifest(serving(name, 1, ""));
    }

    @Override
    protected String createOperation() {
        return "create";
    }

    @Override
    protected long servicesLike(String externalId) {
        String name = vendor.service(externalId).orElseThrow().name();
        return vendor.services().stream().filter(s -> s.name().equals(name)).count();
    }

    @Override
    protected String failedStatus() {
        return "FAILED";
    }

    @Override
    protected String vendorStatusOf(String externalId) {
        return vendor.service(externalId).orElseThrow().status();
    }

    /** Lookups are lists by name; status is read with get. */
    @Override
    protected Throttling throttling() {
        return new Throttling("list", 2, Duration.ofSeconds(1), 502, true);
    }

    /** The token travels as a bearer token: a request with the wrong one carries it. */
    @Override
    protected boolean refusedForTheWrongSecret(RecordedRequest request) {
        return request.header("Authorization").orElse("").contains(WRONG_SECRET);
    }

    @Override
    protected String credentialsRefusal() {
        return "answered 401";
    }

    @Override
    protected boolean onTheVendor(String externalId) {
        return vendor.service(externalId).isPresent();
    }

    @Override
    protected boolean beingDeletedOnTheVendor(String externalId) {
        return vendor.service(externalId).map(s -> s.status().equals("DELETING")).orElse(false);
    }

    @Test
    void sampleRunsOnDRunWithUrlAndIdAndNoKeySecret() {
        managed.applySample("drun.yaml", DOCUMENTED_ENDPOINT, vendor.baseUrl());

        ModelDeploymentView md = managed.awaitPhase("llama-drun", "Running");
        DRunModelServing serving = vendor.service((String) md.statusField("serviceId")).orElseThrow();
        assertThat(targetField(md, "externalId")).isEqualTo(serving.id());
        assertThat(targetField(md, "provider")).isEqualTo("DRun");
        assertThat(md.statusField("serviceUrl")).isEqualTo(serving.address() + "/v1");
        assertThat(md.conditionIs("Ready", "True", "VendorServing")).isTrue();
        assertThat(serving.request().path("region").asText()).isEqualTo("sh-02");
        assertThat(serving.request().path("skuId").asText()).isEqualTo("sku-4090-1");
        assertThat(serving.request().path("modelId").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(vendor.requests().last("create").orElseThrow().header("Authorization")).contains("Bearer " + TOKEN);
        assertThat(md.statusField("servedNames")).as("d.run names the model").isEqualTo(List.of(serving.accessModelName()));
        assertThat(md.statusField("apiKeySecret")).as("d.run issues no key per service").isNull();
        assertThat(managed.secretValue("llama-drun-api-key", "apiKey")).isEmpty();
    }

    @Test
    void replicasGoThroughPatchReplicas() {
        managed.create(serving("scaled", 1, ""));
        String id = (String) managed.awaitPhase("scaled", "Running").statusField("serviceId");

        ns.patchSpec("scaled", Map.of("replicas", 3));

        Await.until("three replicas on d.run and in status", TIMEOUT, () -> vendor.service(id).orElseThrow().replicas() == 3
                && "Running".equals(managed.md("scaled").phase()) && Integer.valueOf(3).equals(managed.md("scaled").statusField("replicas")));
        assertThat(vendor.requests().last("scale").orElseThrow().body()).contains("\"replicas\":3");
    }

    @Test
    void stopAndStartGoThroughTheActions() {
        managed.create(serving("pausable", 1, ""));
        String id = (String) managed.awaitPhase("pausable", "Running").statusField("serviceId");

        ns.patchSpec("pausable", Map.of("stopped", true));
        managed.awaitPhase("pausable", "Stopped");
        assertThat(vendor.service(id).orElseThrow().status()).isEqualTo("STOPPED");
        assertThat(vendor.requests().last("action").orElseThrow().body()).contains("STOP");

        ns.patchSpec("pausable", Map.of("stopped", false));
        managed.awaitPhase("pausable", "Running");
        assertThat(vendor.service(id).orElseThrow().status()).isEqualTo("RUNNING");
        assertThat(vendor.requests().last("action").orElseThrow().body()).contains("START");
        assertThat(managed.md("pausable").condition("OperationNotSupported")).isEmpty();
    }

    @Test
    void aModelChangeAfterCreationIsReportedNotIgnored() {
        managed.create(serving("drifts", 1, ""));
        String id = (String) managed.awaitPhase("drifts", "Running").statusField("serviceId");
        int creates = vendor.requests().count("create");

        ns.patchSpec("drifts", Map.of("model", Map.of("id", "Qwen/Qwen2.5-7B-Instruct")));

        Await.until("OperationNotSupported for the model change", TIMEOUT, () -> managed.md("drifts")
                .conditionMessage("OperationNotSupported").contains("spec changed after the DRun service was created"));
        Await.until("a Warning event", TIMEOUT, () -> ns.eventReasons("drifts").contains("OperationNotSupported"));
        assertThat(vendor.service(id).orElseThrow().request().path("modelId").asText())
                .as("nothing pretended: d.run still serves the first model").isEqualTo("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(vendor.requests().count("create")).isEqualTo(creates);

        // replicas still go through, with the model change still reported
        ns.patchSpec("drifts", Map.of("replicas", 2));
        Await.until("two replicas on d.run", TIMEOUT, () -> vendor.service(id).orElseThrow().replicas() == 2);
    }

    private String serving(String name, int replicas, String targetExtra) {
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
                """.formatted(name, replicas, vendor.baseUrl(), targetExtra);
    }
}
