package io.modeldeploy.operator.provider.alayanew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorService;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Canned answers in the shapes of the Alaya NeW docs' examples (vendors.md section 1). */
class AlayaNewResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String QUICKSTART_DETAIL = """
            {"code": 0, "msg": "success", "data": {
              "serviceId": "svc-1", "status": "running", "serviceUrl": "https://svc-1.alayanew.example",
              "apikey": "sk-issued", "vksId": "vks-1", "namespace": "team", "name": "qwen-chat-1a2b3c4d",
              "servedName": ["qwen-chat"], "modelId": "Qwen/Qwen2.5-7B-Instruct", "mode": "quickStart",
              "instance": [
                {"instanceId": "ins-a", "loraModels": ["sql-lora"], "baseModelReady": true},
                {"instanceId": "ins-b", "loraModels": [], "baseModelReady": false}],
              "quickStart": {"backend": "vllm", "backendVersion": "0.9.0.1", "backenArgs": [], "resource": {}}}}
            """;

    @Test
    void aBaseServiceCarriesItsUrlKeyAndInstances() throws Exception {
        VendorService service = AlayaNewResponses.baseService(data(QUICKSTART_DETAIL));

        assertThat(service.externalId()).isEqualTo("svc-1");
        assertThat(service.vendorStatus()).isEqualTo("running");
        assertThat(service.state().phase()).as("one instance still loads its base model").contains(Phase.Starting);
        assertThat(service.serviceUrl()).contains("https://svc-1.alayanew.example");
        assertThat(service.apiKey()).contains("sk-issued");
        assertThat(service.replicas()).contains(2);
        assertThat(service.instances()).hasSize(2);
        assertThat(service.instances().get(0).getInstanceId()).isEqualTo("ins-a");
        assertThat(service.instances().get(0).getReady()).isTrue();
        assertThat(service.instances().get(0).getBaseModelReady()).isTrue();
        assertThat(service.instances().get(0).getLoraModels()).containsExactly("sql-lora");
        assertThat(service.instances().get(1).getBaseModelReady()).isFalse();
        assertThat(service.toString()).doesNotContain("sk-issued");
    }

    @Test
    void theCamelCaseKeyFieldAndAStringCodeAreAcceptedToo() throws Exception {
        JsonNode data = data("""
                {"code": "0", "msg": "success", "data": {"serviceId": "svc-2", "status": "STARING",
                 "apiKey": "sk-camel", "instance": []}}
                """);
        VendorService service = AlayaNewResponses.baseService(data);
        assertThat(service.apiKey()).contains("sk-camel");
        assertThat(service.state().phase()).contains(Phase.Starting);
        assertThat(service.replicas()).isEmpty();
    }

    @Test
    void aFailureCodeInASuccessfulHttpAnswerIsARefusalWithTheVendorsWords() {
        assertThatThrownBy(() -> data("{\"code\": -1, \"data\": null, \"msg\": \"quota exceeded\"}"))
                .isInstanceOf(VendorException.class).hasMessageContaining("quota exceeded")
                .extracting(e -> ((VendorException) e).kind()).isEqualTo(VendorException.Kind.REFUSED);
        assertThat(AlayaNewEnvelope.message("{\"code\":-1,\"data\":null,\"msg\":\"invalid access key\"}"))
                .isEqualTo("invalid access key");
        assertThat(AlayaNewEnvelope.message("<html>bad gateway</html>")).isEqualTo("<html>bad gateway</html>");
    }

    @Test
    void aLoraServiceIsRunningOnlyOnceEveryBaseInstanceHoldsIt() throws Exception {
        JsonNode lora = data("""
                {"code": 0, "data": {"serviceId": "svc-l", "status": "running", "serviceUrl": "https://svc-1.alayanew.example",
                 "apikey": "sk-issued", "baseServiceId": "svc-1", "namespace": "team", "modelId": "example/sql-lora",
                 "name": "sql-1a2b3c4d", "servedName": ["sql-lora"]}}
                """);
        String baseAttached = """
                {"code": 0, "data": {"serviceId": "svc-1", "status": "running", "instance": [
                  {"instanceId": "ins-a", "loraModels": ["sql-lora"], "baseModelReady": true}]}}
                """;
        String baseNotYet = baseAttached.replace("[\"sql-lora\"]", "[]");

        VendorService attached = AlayaNewResponses.loraService(lora, Optional.of(data(baseAttached)));
        assertThat(attached.state().phase()).contains(Phase.Running);
        assertThat(attached.instances()).singleElement().satisfies(i -> assertThat(i.getLoraModels()).containsExactly("sql-lora"));
        assertThat(attached.replicas()).as("a LoRA service has nothing of its own to scale").isEmpty();
        assertThat(attached.servedNames()).as("what clients send as model").containsExactly("sql-lora");
        assertThat(AlayaNewResponses.isLora(lora)).isTrue();

        assertThat(AlayaNewResponses.loraService(lora, Optional.of(data(baseNotYet))).state().phase()).contains(Phase.Starting);
        assertThat(AlayaNewResponses.loraService(lora, Optional.empty()).state().phase()).contains(Phase.Starting);
    }

    @Test
    void theListRowWithExactlyTheNameIsPicked() throws Exception {
        JsonNode list = data("""
                {"code": 0, "data": {"count": 2, "rows": [
                  {"serviceId": "svc-9", "name": "qwen-chat-1a2b3c4d-copy", "status": "running", "type": "base"},
                  {"serviceId": "svc-1", "name": "qwen-chat-1a2b3c4d", "status": "running", "type": "base"}]}}
                """);
        assertThat(AlayaNewResponses.serviceIdNamed(list, "qwen-chat-1a2b3c4d")).contains("svc-1");
        assertThat(AlayaNewResponses.serviceIdNamed(list, "other")).isEmpty();
        assertThat(AlayaNewResponses.isLora(data(QUICKSTART_DETAIL))).isFalse();
    }

    private static JsonNode data(String body) throws Exception {
        return AlayaNewEnvelope.data(JSON.readTree(body), "test");
    }
}
