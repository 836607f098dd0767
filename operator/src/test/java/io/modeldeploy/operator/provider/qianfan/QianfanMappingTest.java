package io.modeldeploy.operator.provider.qianfan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.VendorCall;
import io.modeldeploy.operator.provider.VendorCalls;
import io.modeldeploy.operator.provider.VendorCredentials;
import io.modeldeploy.operator.provider.VendorDocExamples;
import io.modeldeploy.operator.provider.VendorException;
import io.modeldeploy.operator.provider.VendorService;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request bodies from a spec and results read from canned Qianfan JSON (vendors.md §3). */
class QianfanMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = """
            model: {id: ernie-lite-8k, servedNames: [ernie-chat]}
            replicas: 2
            quickStart: {backend: vllm, backendVersion: "0.8.4", resources: {cpu: "8", memory: 32Gi}}
            """;

    private static VendorCall call(ModelDeployment md, Map<String, Object> options) {
        return VendorCalls.call(Provider.Qianfan, md, Map.of("accessKey", "ak", "secretKey", "sk"), options);
    }

    /** The public resource pool, in Beijing. */
    private static Map<String, Object> pool() {
        return new HashMap<>(Map.of("modelSetId", "am-abc", "modelVersionId", "amv-def", "region", "bj",
                "resourceType", "GPU-I-2", "qps", 3));
    }

    @Test
    void createOnTheResourcePool() throws Exception {
        ObjectNode body = QianfanRequests.create(call(Fixtures.modelDeployment(SPEC), pool()));

        assertThat(body).isEqualTo(JSON.readTree("""
                {"modelSetId":"am-abc","modelId":"amv-def","name":"qwen-chat-1a2b3c4d",
                 "description":"ModelDeployment team-a/qwen-chat","urlSuffix":"ernie-chat","protocolVersion":2,
                 "resourceConfig":{"region":"bj","type":"GPU-I-2","qps":3.0,"replicasCount":2},
                 "billing":{"paymentTiming":"Postpaid"}}
                """));
    }

    @Test
    void createOnAComputeUnit() throws Exception {
        Map<String, Object> options = pool();
        options.put("computeUnitId", "unit-123");
        options.put("urlSuffix", "my-suffix");
        ObjectNode body = QianfanRequests.create(call(Fixtures.modelDeployment(SPEC), options));

        assertThat(body.has("resourceConfig")).isFalse();
        assertThat(body.get("urlSuffix").asText()).isEqualTo("my-suffix");
        assertThat(body.get("deploymentConfig")).isEqualTo(JSON.readTree("""
                {"qps":3.0,"replicasCount":2,"deploymentComputeUnitList":[{"instanceId":"unit-123","deploymentReplicasCount":2}]}
                """));
    }

    @Test
    void missingOptionsAndInexpressibleBlocksAreRefused() {
        Map<String, Object> options = pool();
        options.remove("modelSetId");
        assertThatThrownBy(() -> QianfanRequests.create(call(Fixtures.modelDeployment(SPEC), options)))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VendorException.Kind.REFUSED);
                    assertThat(e.getMessage()).contains("modelSetId");
                });
        assertThatThrownBy(() -> QianfanRequests.create(call(Fixtures.expert(), pool())))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.getMessage()).contains("only quickStart"));
        assertThatThrownBy(() -> QianfanRequests.create(call(Fixtures.vllmQuickStart(), pool())))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.getMessage()).contains("backendArgs"));
    }

    @Test
    void describeServiceResultIsReadWithReplicasAndUrl() throws Exception {
        JsonNode result = JSON.readTree("""
                {"serviceId":"svco-abc","name":"qwen-chat-1a2b3c4d","runStatus":"Serving","updateStatus":"None",
                 "scaleStatus":"None","isModelUpdating":false,"url":"https://qianfan.baidubce.com/v2",
                 "urlSuffix":"ernie-chat",
                 "deploymentConfig":{"replicasCount":3,"deploymentComputeUnitList":[
                   {"instanceId":"unit-1","deploymentReplicasCount":2,"status":"Serving"},
                   {"instanceId":"unit-2","deploymentReplicasCount":1,"status":"Serving"}]}}
                """);
        VendorService service = QianfanResponses.service("svco-abc", result, "https://qianfan.baidubce.com/v2");

        assertThat(service.externalId()).isEqualTo("svco-abc");
        assertThat(service.vendorStatus()).isEqualTo("Serving");
        assertThat(service.state().phase()).contains(Phase.Running);
        assertThat(service.serviceUrl()).contains("https://qianfan.baidubce.com/v2");
        assertThat(service.servedNames()).as("urlSuffix is the v2 model value").containsExactly("ernie-chat");
        assertThat(service.replicas()).contains(3);
        assertThat(service.apiKey()).isEmpty();
        assertThat(QianfanResponses.computeUnits(result)).extracting(QianfanResponses.ComputeUnit::instanceId)
                .containsExactly("unit-1", "unit-2");
    }

    @Test
    void replicasFallBackToTheResourceConfig() throws Exception {
        assertThat(QianfanResponses.replicas(JSON.readTree("{\"resourceConfig\":{\"replicasCount\":4}}"))).contains(4);
        assertThat(QianfanResponses.replicas(JSON.readTree("{}"))).isEmpty();
    }

    @Test
    void createdServiceIsNewWithItsId() throws Exception {
        VendorService created = QianfanResponses.created(JSON.readTree("{\"serviceId\":\"svco-1\",\"instanceId\":\"unit-1\"}"));
        assertThat(created.externalId()).isEqualTo("svco-1");
        assertThat(created.state().phase()).contains(Phase.Pending);
    }

    /** DescribeService's response example exactly as published (vendor-docs/qianfan-describe-service.txt). */
    @Test
    void thePublishedDescribeServiceExampleIsReadAsAUserWouldExpect() throws Exception {
        JsonNode published = JSON.readTree(VendorDocExamples.read("qianfan-describe-service.response.example.json"));
        VendorService service = QianfanResponses.service("svco-nzxxxx4h", published.path("result"),
                QianfanApi.inferenceBase(URI.create("https://qianfan.baidubce.com/v2/service")));

        assertThat(service.externalId()).isEqualTo("svco-nzxxxx4h");
        assertThat(service.vendorStatus()).isEqualTo("New");
        assertThat(service.state().phase()).as("New: 待发布").contains(Phase.Pending);
        assertThat(service.serviceUrl()).as("the v2 base, not the v1 url http://as***")
                .contains("https://qianfan.baidubce.com/v2");
        assertThat(service.servedNames()).as("no urlSuffix for protocolVersion 1: the spec's names stand").isEmpty();
        assertThat(service.replicas()).contains(0);
        assertThat(service.apiKey()).isEmpty();
    }

    /** The request example: the body DescribeService documents, field by field. */
    @Test
    void describeSendsTheDocumentedBody() throws Exception {
        JsonNode published = JSON.readTree(VendorDocExamples.read("qianfan-describe-service.request.example.json"));
        ObjectNode sent = QianfanRequests.describe("svco-nzxxxxx4h");

        assertThat(sent.get("serviceId")).isEqualTo(published.get("serviceId"));
        assertThat(sent.get("protocolVersion").isInt()).isTrue();
        assertThat(sent.get("protocolVersion").asInt()).as("documented values 1 | 2").isEqualTo(2);
        assertThat(sent.size()).as("serviceId and protocolVersion, the documented body").isEqualTo(2);
    }

    /** The error example exactly as published: AccessDenied is a credentials failure, in 2xx or 403 alike. */
    @Test
    void thePublishedErrorExampleIsACredentialsFailureWithTheVendorsWords() throws Exception {
        String published = VendorDocExamples.read("qianfan-error.response.example.json");
        QianfanErrorCode error = new QianfanErrorCode();

        assertThat(error.read(published)).isEqualTo("AccessDenied: Access denied.");
        assertThat(error.isCredentials()).isTrue();
        assertThat(error.isNotFound()).isFalse();
        assertThat(QianfanErrorCode.isError(JSON.readTree(published))).isTrue();
        assertThat(QianfanErrorCode.isError(JSON.readTree(
                VendorDocExamples.read("qianfan-describe-service.response.example.json")))).isFalse();
    }

    @Test
    void notFoundAndTransientCodesAreToldApart() {
        QianfanErrorCode missing = new QianfanErrorCode();
        missing.read("{\"requestId\":\"r\",\"code\":\"ServiceNotFound\",\"message\":\"no such service\"}");
        assertThat(missing.isNotFound()).isTrue();
        QianfanErrorCode busy = new QianfanErrorCode();
        busy.read("{\"requestId\":\"r\",\"code\":\"RequestLimitExceeded\",\"message\":\"slow down\"}");
        assertThat(busy.isTransient()).isTrue();
        assertThat(busy.isNotFound()).isFalse();
        QianfanErrorCode bad = new QianfanErrorCode();
        bad.read("{\"requestId\":\"r\",\"code\":\"InvalidParameter\",\"message\":\"name\"}");
        assertThat(bad.isTransient() || bad.isNotFound() || bad.isCredentials()).isFalse();
    }

    @Test
    void aListThatCannotBeReadIsAnErrorNotAnEmptyList() throws Exception {
        assertThatThrownBy(() -> QianfanResponses.page(JSON.readTree("{\"total\": 3}")))
                .isInstanceOf(VendorException.class).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> QianfanResponses.page(JSON.readTree("{\"isTruncated\": true, \"services\": []}")))
                .isInstanceOf(VendorException.class).hasMessageContaining("nextMarker");
        QianfanResponses.Page beside = QianfanResponses.page(JSON.readTree(
                "{\"marker\":\"\",\"isTruncated\":true,\"nextMarker\":\"m2\",\"services\":[{\"name\":\"a\"}]}"));
        assertThat(beside.nextMarker()).contains("m2");
        assertThat(QianfanResponses.page(JSON.readTree("[{\"name\":\"a\"}]")).services()).hasSize(1);
    }

    @Test
    void qpsIsAPositiveNumberAndMayHaveAFraction() throws Exception {
        Map<String, Object> options = pool();
        options.put("qps", "2.5");
        assertThat(QianfanRequests.create(call(Fixtures.modelDeployment(SPEC), options)).path("resourceConfig").get("qps"))
                .isEqualTo(JSON.readTree("2.5"));
        options.put("qps", "0");
        assertThatThrownBy(() -> QianfanRequests.create(call(Fixtures.modelDeployment(SPEC), options)))
                .isInstanceOf(VendorException.class).hasMessageContaining("positive number");
    }

    @Test
    void describeServicesPagesByMarker() throws Exception {
        QianfanResponses.Page page = QianfanResponses.page(JSON.readTree("""
                {"pageInfo":{"marker":"","maxKeys":1,"isTruncated":true,"nextMarker":"svco-1"},
                 "serviceList":[{"serviceId":"svco-1","name":"a"}]}
                """));
        assertThat(page.services()).hasSize(1);
        assertThat(page.nextMarker()).contains("svco-1");
        assertThat(QianfanResponses.page(JSON.readTree("""
                {"pageInfo":{"isTruncated":false,"nextMarker":""},"serviceList":[]}
                """)).nextMarker()).isEmpty();
        assertThat(QianfanRequests.listByName("n", "svco-1")).isEqualTo(JSON.readTree(
                "{\"name\":\"n\",\"maxKeys\":100,\"protocolVersion\":2,\"marker\":\"svco-1\"}"));
    }

    @Test
    void scaleAddressesOneComputeUnit() throws Exception {
        assertThat(QianfanRequests.scale("svco-1", "unit-1", 3)).isEqualTo(JSON.readTree(
                "{\"serviceId\":\"svco-1\",\"instanceId\":\"unit-1\",\"deploymentReplicasCount\":3}"));
    }

    @Test
    void refusedSignaturesAreCredentialsOtherCodesAreNot() {
        QianfanErrorCode signature = new QianfanErrorCode();
        assertThat(signature.read("{\"requestId\":\"r\",\"code\":\"SignatureDoesNotMatch\",\"message\":\"no\"}"))
                .isEqualTo("SignatureDoesNotMatch: no");
        assertThat(signature.isCredentials()).isTrue();
        QianfanErrorCode json = new QianfanErrorCode();
        json.read("{\"code\":\"InappropriateJSON\",\"message\":\"name\"}");
        assertThat(json.isCredentials()).isFalse();
    }

    @Test
    void hostHeaderCarriesOnlyANonDefaultPort() {
        assertThat(QianfanApi.hostHeader(URI.create("https://qianfan.baidubce.com/v2/service"))).isEqualTo("qianfan.baidubce.com");
        assertThat(QianfanApi.hostHeader(URI.create("http://127.0.0.1:8123/v2/service"))).isEqualTo("127.0.0.1:8123");
        assertThat(QianfanApi.hostHeader(URI.create("https://h:443/x"))).isEqualTo("h");
    }
}
