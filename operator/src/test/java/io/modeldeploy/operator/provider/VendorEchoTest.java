package io.modeldeploy.operator.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.LocalVendorServer.Reply;
import io.modeldeploy.operator.provider.LocalVendorServer.Request;
import io.modeldeploy.operator.provider.zstack.ZStackPasswords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each vendor's provider against a hostile or misconfigured HTTP server on 127.0.0.1, through the registry as the
 * operator uses it: what the server says never carries a credential out (it echoes every request header, body and the
 * credential values back in its error), a redirect is never followed, and a 404 for the vendor's own list or login
 * call is a configuration error naming the URL tried.
 */
class VendorEchoTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SESSION = "zstack-session-4f1c9a7e2b";

    @RegisterExtension
    final LocalVendorServer server = LocalVendorServer.perTest();

    private static Map<String, String> credentials(Provider provider) {
        return switch (provider) {
            case AlayaNeW, Qianfan -> Map.of("accessKey", "AK-echo-0123456789", "secretKey", "SK-echo-abcdefghij");
            case DRun -> Map.of("token", "drun-token-echo-77665544");
            case ZStack -> Map.of("accountName", "tenant-admin-echo", "password", "zs-password-echo-31337");
            default -> throw new IllegalArgumentException(provider.toString());
        };
    }

    private static Map<String, Object> options(Provider provider) {
        return switch (provider) {
            case AlayaNeW -> Map.of("vksId", "vks-1", "namespace", "ns-1");
            case DRun -> Map.of("region", "sh-02", "skuId", "sku-1");
            case Qianfan -> Map.of("modelSetId", "am-1", "modelVersionId", "amv-1", "region", "bj", "resourceType", "GPU-I-2");
            case ZStack -> Map.of("modelServiceUuid", "a".repeat(32), "zoneUuid", "b".repeat(32));
            default -> throw new IllegalArgumentException(provider.toString());
        };
    }

    private VendorCall call(Provider provider, String endpoint) throws EndpointRefused {
        return VendorCalls.call(provider, Fixtures.vllmQuickStart(), VendorCalls.VENDOR_NAME,
                VendorCalls.onLoopback().apiBase(provider, Optional.of(endpoint)), new VendorCredentials(credentials(provider)),
                options(provider));
    }

    /** Everything the request carried and every credential value, as a careless vendor would put it in an error. */
    private static String echo(Request request, Provider provider) {
        return "you sent " + request.headers() + " with body " + request.body()
                + " for credentials " + credentials(provider).values();
    }

    private static String errorBody(String echo) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", "InvalidParameter").put("msg", echo).put("message", echo);
        body.putObject("error").put("code", "SYS.1007").put("description", echo).put("details", echo);
        return body.toString();
    }

    private Reply zstackLoginOr(Request request, Reply otherwise) {
        if (request.uri().getPath().endsWith("/accounts/login")) {
            return new Reply(200, Map.of(), "{\"inventory\":{\"uuid\":\"" + SESSION + "\"}}");
        }
        return otherwise;
    }

    private static List<String> secretsOf(Provider provider) {
        List<String> secrets = new ArrayList<>(credentials(provider).values());
        if (provider == Provider.ZStack) {
            secrets.add(SESSION);
            secrets.add(ZStackPasswords.sha512Hex(credentials(provider).get("password")));
        }
        return secrets;
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"AlayaNeW", "DRun", "Qianfan", "ZStack"})
    void aVendorEchoingTheRequestInAnErrorNeverCarriesACredentialOut(Provider provider) throws Exception {
        server.answer(request -> zstackLoginOr(request, new Reply(400, Map.of(), errorBody(echo(request, provider)))));
        VendorCall call = call(provider, server.origin());

        assertThatThrownBy(() -> VendorCalls.onLoopback().of(provider).orElseThrow().findByName(call))
                .isInstanceOf(VendorException.class)
                .satisfies(e -> {
                    String message = e.getMessage();
                    assertThat(message).contains(SecretMask.MASK).contains("you sent");
                    assertThat(secretsOf(provider)).allSatisfy(secret -> assertThat(message).doesNotContain(secret));
                    assertThat(message).doesNotContain("Signature=").doesNotContain("OAuth ").doesNotContain("Bearer ");
                    assertThat(message.length()).isLessThanOrEqualTo(2 * SecretMask.MAX_EXCERPT + 3);
                });
        assertThat(server.requests()).isNotEmpty();
    }

    @Test
    void qianfansSignatureIsMaskedWhereverItIsEchoed() throws Exception {
        List<String> signatures = Collections.synchronizedList(new ArrayList<>());
        server.answer(request -> {
            String authorization = request.header("Authorization").orElseThrow();
            String signature = authorization.substring(authorization.lastIndexOf('/') + 1);
            signatures.add(signature);
            return new Reply(400, Map.of(), errorBody("signature " + signature + " does not match"));
        });
        VendorCall call = call(Provider.Qianfan, server.origin());

        assertThatThrownBy(() -> VendorCalls.onLoopback().of(Provider.Qianfan).orElseThrow().findByName(call))
                .satisfies(e -> assertThat(e.getMessage()).contains("signature *** does not match")
                        .doesNotContain(signatures.get(0)));
    }

    @Test
    void alayasRefusalInsideA200EnvelopeIsMaskedToo() throws Exception {
        server.answer(request -> new Reply(200, Map.of(), "{\"code\":1,\"msg\":" + JSON.valueToTree(echo(request, Provider.AlayaNeW)) + "}"));
        VendorCall call = call(Provider.AlayaNeW, server.origin());

        assertThatThrownBy(() -> VendorCalls.onLoopback().of(Provider.AlayaNeW).orElseThrow().findByName(call))
                .satisfies(e -> assertThat(secretsOf(Provider.AlayaNeW)).allSatisfy(s -> assertThat(e.getMessage()).doesNotContain(s)));
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"AlayaNeW", "DRun", "Qianfan", "ZStack"})
    void aRedirectIsNeverFollowedAndNamesOnlyTheStatusAndTheHost(Provider provider) throws Exception {
        server.answer(request -> zstackLoginOr(request, new Reply(302,
                Map.of("Location", "https://evil.example/collect?stolen=" + credentials(provider).values().iterator().next()), "")));
        VendorCall call = call(provider, server.origin());

        assertThatThrownBy(() -> VendorCalls.onLoopback().of(provider).orElseThrow().findByName(call))
                .isInstanceOf(VendorException.class)
                .satisfies(e -> {
                    assertThat(((VendorException) e).kind()).isEqualTo(VendorException.Kind.ENDPOINT_INVALID);
                    assertThat(e.getMessage()).contains("302").contains("evil.example").doesNotContain("collect")
                            .doesNotContain("stolen");
                });
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"AlayaNeW", "DRun", "Qianfan", "ZStack"})
    void aNotFoundForTheVendorsOwnFirstCallIsEndpointInvalidNamingTheUrlTried(Provider provider) throws Exception {
        server.answer(request -> new Reply(404, Map.of(), "<html>not found</html>"));
        VendorCall call = call(provider, server.origin() + "/not-the-api");

        assertThatThrownBy(() -> VendorCalls.onLoopback().of(provider).orElseThrow().findByName(call))
                .isInstanceOf(VendorException.class)
                .satisfies(e -> {
                    assertThat(((VendorException) e).kind()).isEqualTo(VendorException.Kind.ENDPOINT_INVALID);
                    assertThat(e.getMessage()).contains(server.origin() + "/not-the-api").contains("404")
                            .doesNotContain("?").doesNotContain("Action=");
                    assertThat(secretsOf(provider)).allSatisfy(s -> assertThat(e.getMessage()).doesNotContain(s));
                });
        assertThat(server.requests()).hasSize(1);
    }
}
