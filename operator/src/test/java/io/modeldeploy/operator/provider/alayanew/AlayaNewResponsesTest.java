package io.modeldeploy.operator.provider.alayanew;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.PagedLookup;
import io.modeldeploy.operator.provider.VendorDocExamples;
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
        VendorService service = AlayaNewResponses.baseService("svc-1", data(QUICKSTART_DETAIL));

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
        VendorService service = AlayaNewResponses.baseService("svc-2", data);
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

        VendorService attached = AlayaNewResponses.loraService("svc-l", lora, Optional.of(data(baseAttached)), "sql-lora");
        assertThat(attached.state().phase()).contains(Phase.Running);
        assertThat(attached.instances()).singleElement().satisfies(i -> assertThat(i.getLoraModels()).containsExactly("sql-lora"));
        assertThat(attached.replicas()).as("a LoRA service has nothing of its own to scale").isEmpty();
        assertThat(attached.servedNames()).as("what clients send as model").containsExactly("sql-lora");
        assertThat(AlayaNewResponses.isLora(lora)).isTrue();

        assertThat(AlayaNewResponses.loraService("svc-l", lora, Optional.of(data(baseNotYet)), "sql-lora").state().phase()).contains(Phase.Starting);
        assertThat(AlayaNewResponses.loraService("svc-l", lora, Optional.empty(), "sql-lora").state().phase()).contains(Phase.Starting);
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

    /**
     * The QuickStart detail example exactly as published (vendor-docs/alayanew-deployment-detail-quickstart.txt).
     * It is JSON but for one placeholder, {@code "expert":{...}}, which the test replaces by an empty object.
     */
    @Test
    void thePublishedQuickStartDetailIsReadAsTheServiceThatWasAskedFor() throws Exception {
        String published = VendorDocExamples.read("alayanew-detail-quickstart.example.json");
        assertThat(published.split("\\{\\.\\.\\.}", -1)).as("the page's one placeholder").hasSize(2);

        VendorService service = AlayaNewResponses.baseService("38fbfc3d-6a88-4c35-b8b6-9efc83949d47",
                data(published.replace("{...}", "{}")));

        assertThat(service.externalId()).as("the data has no serviceId").isEqualTo("38fbfc3d-6a88-4c35-b8b6-9efc83949d47");
        assertThat(service.vendorStatus()).isEqualTo("String ,模型部署状态starting, running, stopping,  stopped, failed");
        assertThat(service.state().phase()).as("a status value the table does not know").isEmpty();
        assertThat(service.serviceUrl()).contains("string");
        assertThat(service.apiKey()).as("spelled apikey in the example").contains("String ");
        assertThat(service.replicas()).contains(1);
        assertThat(service.instances()).singleElement().satisfies(i -> {
            assertThat(i.getInstanceId()).isEqualTo("0");
            assertThat(i.getBaseModelReady()).isTrue();
            assertThat(i.getReady()).isTrue();
            assertThat(i.getLoraModels()).containsExactly("lora1", "lora2");
        });
        assertThat(AlayaNewResponses.isLora(data(published.replace("{...}", "{}")))).isFalse();
    }

    /**
     * The LoRA detail example exactly as published (vendor-docs/alayanew-deployment-detail-lora.txt): no
     * envelope, and {@code servedName} a string.
     */
    @Test
    void thePublishedLoraDetailIsReadWithoutAnEnvelopeAndItsStringServedName() throws Exception {
        String published = VendorDocExamples.read("alayanew-detail-lora.example.json");
        JsonNode detail = data(published);

        assertThat(AlayaNewResponses.isLora(detail)).isTrue();
        assertThat(detail.path("baseServiceId").asText()).isEqualTo("requeired, 基模型服务id");
        assertThat(AlayaNewResponses.servedNames(detail)).containsExactly("string, ");
        VendorService service = AlayaNewResponses.loraService("svc-l", detail, Optional.empty(), "sql-lora");
        assertThat(service.externalId()).isEqualTo("svc-l");
        assertThat(service.vendorStatus()).isEqualTo("string 服务状态");
        assertThat(service.apiKey()).as("an empty key is no key").isEmpty();

        // Running, but the base's instance does not hold the adapter yet: not loaded, whatever the echo says.
        JsonNode running = data(published.replace("\"string 服务状态\"", "\"running\""));
        JsonNode baseWithout = data("""
                {"code": 0, "data": {"status": "running", "instance": [
                  {"instanceId": "0", "loraModels": ["lora1"], "baseModelReady": true}]}}
                """);
        assertThat(AlayaNewResponses.loraService("svc-l", running, Optional.of(baseWithout), "sql-lora").state().phase())
                .contains(Phase.Starting);
    }

    @Test
    void aListIsReadToItsLastPage() throws Exception {
        JsonNode full = data("{\"code\": 0, \"data\": {\"count\": 250, \"rows\": [" + "{},".repeat(99) + "{}]}}");
        assertThat(PagedLookup.lastPage(full, AlayaNewResponses.LIST, 1, 100)).isFalse();
        assertThat(PagedLookup.lastPage(full, AlayaNewResponses.LIST, 3, 100)).as("count reached").isTrue();
        JsonNode shortPage = data("{\"code\": 0, \"data\": {\"rows\": [{}, {}]}}");
        assertThat(PagedLookup.lastPage(shortPage, AlayaNewResponses.LIST, 2, 100)).isTrue();
    }

    private static JsonNode data(String body) throws Exception {
        return AlayaNewEnvelope.data(JSON.readTree(body), "test");
    }
}
