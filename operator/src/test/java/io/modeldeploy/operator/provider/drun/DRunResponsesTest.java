package io.modeldeploy.operator.provider.drun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorService;
import org.junit.jupiter.api.Test;

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
