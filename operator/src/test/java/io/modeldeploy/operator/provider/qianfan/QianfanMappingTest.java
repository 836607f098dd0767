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
                 "resourceConfig":{"region":"bj","type":"GPU-I-2","qps":3,"replicasCount":2},
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
                {"qps":3,"replicasCount":2,"deploymentComputeUnitList":[{"instanceId":"unit-123","deploymentReplicasCount":2}]}
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
        VendorService service = QianfanResponses.service(result);

        assertThat(service.externalId()).isEqualTo("svco-abc");
        assertThat(service.vendorStatus()).isEqualTo("Serving");
        assertThat(service.state().phase()).contains(Phase.Running);
        assertThat(service.serviceUrl()).contains("https://qianfan.baidubce.com/v2");
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
