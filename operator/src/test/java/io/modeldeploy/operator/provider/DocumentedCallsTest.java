package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.LocalVendorServer.Reply;
import io.modeldeploy.operator.provider.LocalVendorServer.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each provider's calls as the vendors' pages document them, against a local HTTP server that records every request
 * and answers with the pages' own examples (vendor-docs/) or with lists longer than one page: the request line,
 * headers and body the page shows, and the answer read as a user expects it in status.
 */
class DocumentedCallsTest {
    private static final String AK = "AK-doc-0123456789";
    private static final String SK = "SK-doc-abcdefghij";

    @RegisterExtension
    final LocalVendorServer server = LocalVendorServer.perTest();

    private VendorCall call(Provider provider, Map<String, String> credentials, Map<String, Object> options)
            throws EndpointRefused {
        URI base = VendorCalls.onLoopback().apiBase(provider, Optional.of(server.origin()));
        return VendorCalls.call(provider, Fixtures.vllmQuickStart(), VendorCalls.VENDOR_NAME, base,
                new VendorCredentials(credentials), options);
    }

    private ManagedProvider provider(Provider provider) {
        return VendorCalls.onLoopback().of(provider).orElseThrow();
    }

    // ---------------------------------------------------------------- Alaya NeW

    private VendorCall alaya() throws EndpointRefused {
        return call(Provider.AlayaNeW, Map.of("accessKey", AK, "secretKey", SK), Map.of("vksId", "vks-1", "namespace", "ns-1"));
    }

    /** The page's curl: GET .../deployment/{serviceId} with {@code Authorization:plain Credential=AK,Signature=SK}. */
    @Test
    void alayaDetailIsTheDocumentedGetAndItsExampleIsTheServiceAskedFor() throws Exception {
        String example = VendorDocExamples.read("alayanew-detail-quickstart.example.json").replace("{...}", "{}");
        server.answer(request -> Reply.of(200, example));

        VendorService service = provider(Provider.AlayaNeW).get(alaya(), "38fbfc3d-6a88-4c35-b8b6-9efc83949d47").orElseThrow();

        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.uri().getPath())
                    .isEqualTo("/api/serverless-infer/v1/deployment/38fbfc3d-6a88-4c35-b8b6-9efc83949d47");
            assertThat(request.header("authorization").orElse(null)).isEqualTo("plain Credential=" + AK + ",Signature=" + SK);
        });
        assertThat(service.externalId()).isEqualTo("38fbfc3d-6a88-4c35-b8b6-9efc83949d47");
        assertThat(service.instances()).singleElement().satisfies(i -> assertThat(i.getReady()).isTrue());
    }

    /** The LoRA page's example has no envelope; its base's detail is read next, from baseServiceId. */
    @Test
    void alayaLoraDetailWithoutEnvelopeLeadsToItsBase() throws Exception {
        String lora = VendorDocExamples.read("alayanew-detail-lora.example.json").replace("\"string 服务状态\"", "\"running\"");
        server.answer(request -> request.uri().getRawPath().endsWith("/svc-lora")
                ? Reply.of(200, lora)
                : Reply.of(404, "{\"code\":-1,\"data\":null,\"msg\":\"service not found\"}"));

        VendorService service = provider(Provider.AlayaNeW).get(alaya(), "svc-lora").orElseThrow();

        assertThat(server.requests()).hasSize(2);
        assertThat(URLDecoder.decode(server.requests().get(1).uri().getRawPath(), StandardCharsets.UTF_8))
                .endsWith("/deployment/requeired, 基模型服务id");
        assertThat(service.externalId()).isEqualTo("svc-lora");
        assertThat(service.state().phase()).as("running, but no base instance holds it").contains(Phase.Starting);

        // A deletion's call carries no resolved spec (it must work when the spec no longer resolves).
        VendorCall asked = alaya();
        VendorCall deleting = new VendorCall(asked.ref(), asked.placement(), Optional.empty(), Optional.empty(),
                asked.vendorName(), asked.endpoint(), asked.credentials(), null);
        assertThat(provider(Provider.AlayaNeW).get(deleting, "svc-lora")).map(VendorService::servedNames)
                .contains(List.of("string, "));
    }

    /** 250 services match the name filter; the one named exactly is on page 3 of 100. */
    @Test
    void alayaLooksForAnExistingServiceOnEveryPage() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 249; i++) {
            names.add(VendorCalls.VENDOR_NAME + "-other-" + i);
        }
        names.add(VendorCalls.VENDOR_NAME);
        server.answer(request -> {
            if (request.uri().getPath().endsWith("/deployment/list")) {
                int page = Integer.parseInt(request.query().getOrDefault("page", "1"));
                int size = Integer.parseInt(request.query().get("size"));
                StringBuilder rows = new StringBuilder();
                for (int i = (page - 1) * size; i < Math.min(names.size(), page * size); i++) {
                    rows.append(rows.isEmpty() ? "" : ",").append("{\"serviceId\":\"svc-").append(i)
                            .append("\",\"name\":\"").append(names.get(i)).append("\"}");
                }
                return Reply.of(200, "{\"code\":0,\"msg\":\"success\",\"data\":{\"count\":" + names.size()
                        + ",\"rows\":[" + rows + "]}}");
            }
            return Reply.of(200, "{\"code\":0,\"data\":{\"status\":\"running\",\"instance\":[]}}");
        });

        Optional<VendorService> found = provider(Provider.AlayaNeW).findByName(alaya());

        assertThat(found).map(VendorService::externalId).contains("svc-249");
        assertThat(server.requests()).filteredOn(r -> r.uri().getPath().endsWith("/list")).extracting(r -> r.query().get("page"))
                .containsExactly("1", "2", "3");
    }

    // ---------------------------------------------------------------- Qianfan

    private VendorCall qianfan() throws EndpointRefused {
        return call(Provider.Qianfan, Map.of("accessKey", AK, "secretKey", SK),
                Map.of("modelSetId", "am-1", "modelVersionId", "amv-1", "region", "bj", "resourceType", "GPU-I-2"));
    }

    /** The page's request: POST /v2/service?Action=DescribeService, signed over host;x-bce-date, body {serviceId}. */
    @Test
    void qianfanDescribeServiceIsTheDocumentedRequestAndItsExampleIsRead() throws Exception {
        String example = VendorDocExamples.read("qianfan-describe-service.response.example.json");
        server.answer(request -> Reply.of(200, example));

        VendorService service = provider(Provider.Qianfan).get(qianfan(), "svco-nzxxxx4h").orElseThrow();

        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.uri().getPath()).isEqualTo("/v2/service");
            assertThat(request.query()).containsExactly(Map.entry("Action", "DescribeService"));
            assertThat(request.header("content-type").orElse(null)).isEqualTo("application/json");
            assertThat(request.header("authorization").orElse(null))
                    .matches("bce-auth-v1/" + AK + "/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ/\\d+/host;x-bce-date/[0-9a-f]{64}");
            assertThat(request.headers()).containsKey("x-bce-date");
            assertThat(request.json().get("serviceId").asText()).isEqualTo("svco-nzxxxx4h");
        });
        assertThat(service.vendorStatus()).isEqualTo("New");
        assertThat(service.serviceUrl()).contains(server.origin() + "/v2");
    }

    /** The documented error shape is an error with any status: AccessDenied in a 200 is refused credentials. */
    @Test
    void qianfanErrorsAreReadFromTheBodyWhateverTheStatus() throws Exception {
        String accessDenied = VendorDocExamples.read("qianfan-error.response.example.json");
        server.answer(request -> Reply.of(200, accessDenied));
        assertThatThrownBy(() -> provider(Provider.Qianfan).get(qianfan(), "svco-1"))
                .isInstanceOfSatisfying(VendorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VendorException.Kind.CREDENTIALS);
                    assertThat(e.getMessage()).contains("AccessDenied: Access denied.");
                });

        server.answer(request -> Reply.of(200, "{\"requestId\":\"r-1\",\"code\":\"ResourceNotFound\",\"message\":\"gone\"}"));
        assertThat(provider(Provider.Qianfan).get(qianfan(), "svco-1")).as("not found, said in a 200").isEmpty();

        server.answer(request -> Reply.of(400, "{\"requestId\":\"r-2\",\"code\":\"ServiceNotFound\",\"message\":\"gone\"}"));
        assertThat(provider(Provider.Qianfan).get(qianfan(), "svco-1")).as("not found, said in a 400").isEmpty();

        server.answer(request -> Reply.of(200, "{\"requestId\":\"r-3\",\"code\":\"InvalidParameter\",\"message\":\"name\"}"));
        assertThatThrownBy(() -> provider(Provider.Qianfan).get(qianfan(), "svco-1"))
                .isInstanceOfSatisfying(VendorException.class, e -> assertThat(e.kind()).isEqualTo(VendorException.Kind.REFUSED));
    }

    /** 250 services match the name; DescribeServices is followed by its nextMarker to the last page. */
    @Test
    void qianfanLooksForAnExistingServiceOnEveryPage() throws Exception {
        server.answer(request -> {
            if ("DescribeServices".equals(request.query().get("Action"))) {
                int from = request.json().hasNonNull("marker") ? Integer.parseInt(request.json().get("marker").asText()) : 0;
                int size = request.json().get("maxKeys").asInt();
                StringBuilder list = new StringBuilder();
                for (int i = from; i < Math.min(250, from + size); i++) {
                    String name = i == 249 ? VendorCalls.VENDOR_NAME : VendorCalls.VENDOR_NAME + "-" + i;
                    list.append(list.isEmpty() ? "" : ",").append("{\"serviceId\":\"svco-").append(i)
                            .append("\",\"name\":\"").append(name).append("\"}");
                }
                boolean truncated = from + size < 250;
                return Reply.of(200, "{\"requestId\":\"r\",\"result\":{\"pageInfo\":{\"isTruncated\":" + truncated
                        + ",\"nextMarker\":\"" + (truncated ? Integer.toString(from + size) : "") + "\"},"
                        + "\"serviceList\":[" + list + "]}}");
            }
            return Reply.of(200, "{\"requestId\":\"r\",\"result\":{\"serviceId\":\"svco-249\",\"runStatus\":\"Serving\"}}");
        });

        assertThat(provider(Provider.Qianfan).findByName(qianfan())).map(VendorService::externalId).contains("svco-249");
        assertThat(server.requests()).filteredOn(r -> "DescribeServices".equals(r.query().get("Action"))).hasSize(3);
    }

    // ---------------------------------------------------------------- d.run

    /** 250 model servings match the search; pages of 100 are read while page.total says there are more. */
    @Test
    void dRunLooksForAnExistingServiceOnEveryPage() throws Exception {
        VendorCall call = call(Provider.DRun, Map.of("token", "drun-token"), Map.of("region", "sh-02", "skuId", "sku-1"));
        server.answer(request -> {
            int page = Integer.parseInt(request.query().get("page.page"));
            int size = Integer.parseInt(request.query().get("page.pageSize"));
            StringBuilder items = new StringBuilder();
            for (int i = (page - 1) * size; i < Math.min(250, page * size); i++) {
                String name = i == 249 ? VendorCalls.VENDOR_NAME : VendorCalls.VENDOR_NAME + "-" + i;
                items.append(items.isEmpty() ? "" : ",").append("{\"id\":\"id-").append(i).append("\",\"name\":\"")
                        .append(name).append("\",\"status\":\"RUNNING\"}");
            }
            return Reply.of(200, "{\"items\":[" + items + "],\"page\":{\"page\":" + page + ",\"pageSize\":" + size
                    + ",\"total\":250}}");
        });

        assertThat(provider(Provider.DRun).findByName(call)).map(VendorService::externalId).contains("id-249");
        assertThat(server.requests()).extracting(r -> r.query().get("page.page")).containsExactly("1", "2", "3");
        assertThat(server.requests()).allSatisfy(r -> {
            assertThat(r.uri().getPath()).isEqualTo("/apis/hydra.io/v1alpha1/model-serving");
            assertThat(r.header("authorization").orElse(null)).isEqualTo("Bearer drun-token");
        });
    }
}
