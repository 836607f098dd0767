package io.modeldeploy.operator.provider.drun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.provider.VendorCalls;
import io.modeldeploy.operator.provider.VendorDocExamples;
import io.modeldeploy.operator.provider.VendorService;
import io.modeldeploy.operator.status.ManagedStatus;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Canned answers in the shapes of the Hydra Swagger (vendors.md section 4). */
class DRunResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String SERVING = """
            {"id": "6f1c2a52-0d7e-4a8e-9b1f-2f6f3c1d9e01", "name": "llama-1a2b3c4d", "namespace": "u-8105f7322477",
             "accessModelName": "u-8105f7322477/llama-1a2b3c4d", "address": "https://sh-02.d.run",
             "modelId": "meta-llama/Llama-3.1-8B-Instruct", "region": "sh-02", "skuId": "sku-4090", "replicas": 2,
             "status": "RUNNING", "paymentMethods": "PAY_AS_YOU_GO", "outBill": false}
            """;

    @Test
    void aModelServingCarriesItsAddressAndReplicasButNoKey() throws Exception {
        VendorService service = DRunResponses.modelServing(JSON.readTree(SERVING), false);

        assertThat(service.externalId()).isEqualTo("6f1c2a52-0d7e-4a8e-9b1f-2f6f3c1d9e01");
        assertThat(service.vendorStatus()).isEqualTo("RUNNING");
        assertThat(service.state().phase()).contains(Phase.Running);
        assertThat(service.serviceUrl()).contains("https://sh-02.d.run");
        assertThat(service.replicas()).contains(2);
        assertThat(service.apiKey()).isEmpty();
        assertThat(service.instances()).isEmpty();
        assertThat(service.servedNames()).containsExactly("u-8105f7322477/llama-1a2b3c4d");
    }

    /**
     * The user guide's own client call (vendor-docs/drun-model-service-guide.txt), copied verbatim: a serving whose
     * address and access path name are the page's gives the status a client needs to make exactly that call, the URL
     * {@code status.serviceUrl + "/chat/completions"} and the {@code model} {@code status.servedNames[0]}.
     */
    @Test
    void statusLeadsAClientToTheCallTheUserGuideShows() throws Exception {
        String curl = VendorDocExamples.read("drun-chat.request.example.txt");
        String url = curl.substring(curl.indexOf('\'') + 1, curl.indexOf('\'', curl.indexOf('\'') + 1));
        JsonNode body = JSON.readTree(curl.substring(curl.indexOf("-d '") + 4, curl.lastIndexOf('\'')));
        JsonNode serving = JSON.readTree(SERVING.replace("u-8105f7322477/llama-1a2b3c4d", "u-8105f7322477/test"));

        VendorService service = DRunResponses.modelServing(serving, false);
        ResolvedDeployment d = VendorCalls.call(Provider.DRun, Fixtures.modelDeployment(ON_DRUN),
                Map.of("token", "t"), Map.of("region", "sh-02", "skuId", "sku-4090")).deployment();
        ModelDeploymentStatus status = ManagedStatus.compute(d, Optional.empty(), service, Optional.empty(),
                "2026-11-30T00:00:00Z");

        assertThat(status.getServiceUrl() + "/chat/completions").isEqualTo(url);
        assertThat(status.getServedNames()).containsExactly(body.get("model").asText());
        assertThat(curl).contains("Authorization: Bearer <Your API Key here>");
        assertThat(status.getApiKeySecret()).as("an account key, not one per service").isNull();
    }

    /** The account's inference key in the user's own Secret is what clients, and the gateway, use. */
    @Test
    void aUsersOwnInferenceKeySecretIsTheOneStatusNames() throws Exception {
        VendorService service = DRunResponses.modelServing(JSON.readTree(SERVING), false);
        ResolvedDeployment d = VendorCalls.call(Provider.DRun, Fixtures.modelDeployment(ON_DRUN
                        + "apiKey: {secretRef: {name: drun-inference, key: token}}\n"),
                Map.of("token", "t"), Map.of("region", "sh-02", "skuId", "sku-4090")).deployment();

        ModelDeploymentStatus status = ManagedStatus.compute(d, Optional.empty(), service, Optional.empty(),
                "2026-11-30T00:00:00Z");

        assertThat(status.getApiKeySecret()).isEqualTo("drun-inference");
    }

    private static final String ON_DRUN = """
            model: {id: meta-llama/Llama-3.1-8B-Instruct}
            quickStart: {backend: vllm, backendVersion: "0.8.4", resources: {cpu: "8", memory: 32Gi}}
            """;

    @Test
    void scalingKeepsAServingDeploymentRunning() throws Exception {
        JsonNode scaling = JSON.readTree(SERVING.replace("RUNNING", "SCALING"));
        assertThat(DRunResponses.modelServing(scaling, true).state().phase()).contains(Phase.Running);
        assertThat(DRunResponses.modelServing(scaling, false).state().phase()).contains(Phase.Starting);
    }

    @Test
    void theItemWithExactlyTheNameIsPicked() throws Exception {
        JsonNode list = JSON.readTree("""
                {"items": [{"id": "a", "name": "llama-1a2b3c4d-old"}, {"id": "b", "name": "llama-1a2b3c4d"}],
                 "page": {"page": 1, "pageSize": 100, "total": 2}}
                """);
        assertThat(DRunResponses.itemNamed(list, "llama-1a2b3c4d")).hasValueSatisfying(i -> assertThat(i.path("id").asText()).isEqualTo("b"));
        assertThat(DRunResponses.itemNamed(list, "nope")).isEmpty();
    }

    @Test
    void rpcStatusErrorsGiveTheVendorsWords() {
        assertThat(DRunResponses.message("{\"id\":\"UNAUTHENTICATED\",\"message\":\"invalid access key\"}"))
                .isEqualTo("UNAUTHENTICATED: invalid access key");
        assertThat(DRunResponses.message("upstream timeout")).isEqualTo("upstream timeout");
    }
}
