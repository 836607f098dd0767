package io.modeldeploy.operator.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Provider;
import io.modeldeploy.operator.provider.alayanew.AlayaNewProvider;
import io.modeldeploy.operator.provider.drun.DRunProvider;
import io.modeldeploy.operator.provider.qianfan.QianfanProvider;
import io.modeldeploy.operator.provider.zstack.ZStackPasswords;
import io.modeldeploy.operator.provider.zstack.ZStackProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    private HttpServer server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<HttpExchange, Reply> replies;

    private record Reply(int status, Map<String, String> headers, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.setAttribute("body", body);
            Reply reply = replies.apply(exchange);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Providers providers() {
        VendorHttp http = new VendorHttp();
        List<String> local = List.of("http://127.0.0.1:*");
        return new Providers(List.of(new AlayaNewProvider(http), new DRunProvider(http), new QianfanProvider(http),
                new ZStackProvider(http)), Map.of(),
                Map.of("alayanew", local, "drun", local, "qianfan", local, "zstack", local));
    }

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
                providers().apiBase(provider, Optional.of(endpoint)), new VendorCredentials(credentials(provider)),
                options(provider));
    }

    /** Everything the request carried and every credential value, as a careless vendor would put it in an error. */
    private static String echo(HttpExchange exchange, Provider provider) {
        return "you sent " + exchange.getRequestHeaders() + " with body " + exchange.getAttribute("body")
                + " for credentials " + credentials(provider).values();
    }

    private static String errorBody(String echo) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", "InvalidParameter").put("msg", echo).put("message", echo);
        body.putObject("error").put("code", "SYS.1007").put("description", echo).put("details", echo);
        return body.toString();
    }

    private Reply zstackLoginOr(HttpExchange exchange, Reply otherwise) {
        if (exchange.getRequestURI().getPath().endsWith("/accounts/login")) {
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
        replies = exchange -> zstackLoginOr(exchange, new Reply(400, Map.of(), errorBody(echo(exchange, provider))));
        VendorCall call = call(provider, origin());

        assertThatThrownBy(() -> providers().of(provider).orElseThrow().findByName(call))
                .isInstanceOf(VendorException.class)
                .satisfies(e -> {
                    String message = e.getMessage();
                    assertThat(message).contains(SecretMask.MASK).contains("you sent");
                    assertThat(secretsOf(provider)).allSatisfy(secret -> assertThat(message).doesNotContain(secret));
                    assertThat(message).doesNotContain("Signature=").doesNotContain("OAuth ").doesNotContain("Bearer ");
                    assertThat(message.length()).isLessThanOrEqualTo(2 * SecretMask.MAX_EXCERPT + 3);
                });
        assertThat(received).isNotEmpty();
    }

    @Test
    void qianfansSignatureIsMaskedWhereverItIsEchoed() throws Exception {
        List<String> signatures = Collections.synchronizedList(new ArrayList<>());
        replies = exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String signature = authorization.substring(authorization.lastIndexOf('/') + 1);
            signatures.add(signature);
            return new Reply(400, Map.of(), errorBody("signature " + signature + " does not match"));
        };
        VendorCall call = call(Provider.Qianfan, origin());

        assertThatThrownBy(() -> providers().of(Provider.Qianfan).orElseThrow().findByName(call))
                .satisfies(e -> assertThat(e.getMessage()).contains("signature *** does not match")
                        .doesNotContain(signatures.get(0)));
    }

    @Test
    void alayasRefusalInsideA200EnvelopeIsMaskedToo() throws Exception {
        replies = exchange -> new Reply(200, Map.of(), "{\"code\":1,\"msg\":" + JSON.valueToTree(echo(exchange, Provider.AlayaNeW)) + "}");
        VendorCall call = call(Provider.AlayaNeW, origin());

        assertThatThrownBy(() -> providers().of(Provider.AlayaNeW).orElseThrow().findByName(call))
                .satisfies(e -> assertThat(secretsOf(Provider.AlayaNeW)).allSatisfy(s -> assertThat(e.getMessage()).doesNotContain(s)));
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"AlayaNeW", "DRun", "Qianfan", "ZStack"})
    void aRedirectIsNeverFollowedAndNamesOnlyTheStatusAndTheHost(Provider provider) throws Exception {
        replies = exchange -> zstackLoginOr(exchange, new Reply(302,
                Map.of("Location", "https://evil.example/collect?stolen=" + credentials(provider).values().iterator().next()), ""));
        VendorCall call = call(provider, origin());

        assertThatThrownBy(() -> providers().of(provider).orElseThrow().findByName(call))
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
        replies = exchange -> new Reply(404, Map.of(), "<html>not found</html>");
        VendorCall call = call(provider, origin() + "/not-the-api");

        assertThatThrownBy(() -> providers().of(provider).orElseThrow().findByName(call))
                .isInstanceOf(VendorException.class)
                .satisfies(e -> {
                    assertThat(((VendorException) e).kind()).isEqualTo(VendorException.Kind.ENDPOINT_INVALID);
                    assertThat(e.getMessage()).contains(origin() + "/not-the-api").contains("404")
                            .doesNotContain("?").doesNotContain("Action=");
                    assertThat(secretsOf(provider)).allSatisfy(s -> assertThat(e.getMessage()).doesNotContain(s));
                });
        assertThat(received).hasSize(1);
    }
}
