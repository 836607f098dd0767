package io.modeldeploy.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The engines' and the sidecar's HTTP APIs, against a tiny HTTP server playing vLLM, SGLang and adapter-sync. */
class HttpEngineConnectorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EngineCredential KEY = new EngineCredential(Fixtures.API_KEY);

    /** vLLM 0.8's /v1/models with the base model and two adapters. */
    private static final String VLLM_MODELS = """
            {"object":"list","data":[
              {"id":"qwen-chat","object":"model","owned_by":"vllm","root":"Qwen/Qwen2.5-7B-Instruct","parent":null},
              {"id":"qwen","object":"model","owned_by":"vllm","root":"Qwen/Qwen2.5-7B-Instruct","parent":null},
              {"id":"sql","object":"model","owned_by":"vllm","root":"/adapters/sql","parent":"qwen-chat"},
              {"id":"chat","object":"model","owned_by":"vllm","root":"/adapters/chat","parent":"qwen-chat"}
            ]}""";

    record Request(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    record Reply(int status, String body) {
    }

    private final HttpEngineConnector connector = new HttpEngineConnector();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private HttpServer server;

    private HttpServer start(String host) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
        s.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            Reply reply = replies.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new Reply(404, "{\"detail\":\"Not Found\"}"));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        s.start();
        return s;
    }

    @BeforeEach
    void startServer() throws IOException {
        server = start("127.0.0.1");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private EngineAdmin vllm() {
        return connector.engine("127.0.0.1", port(), Engines.of(Backend.VLLM), KEY);
    }

    private EngineAdmin sglang() {
        return connector.engine("127.0.0.1", port(), Engines.of(Backend.SGLANG), KEY);
    }

    private void reply(String route, int status, String body) {
        replies.put(route, new Reply(status, body));
    }

    private Request only() {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    // --- /v1/models ---

    @Test
    void modelsWithAParentAreTheLoadedAdapters() throws Exception {
        reply("GET /v1/models", 200, VLLM_MODELS);

        assertThat(vllm().loadedAdapters()).containsExactlyInAnyOrder("sql", "chat");
        assertThat(only().method()).isEqualTo("GET");
        assertThat(only().path()).isEqualTo("/v1/models");
    }

    @Test
    void modelsWithoutAParentFieldAreNoAdapters() throws Exception {
        reply("GET /v1/models", 200, """
                {"object":"list","data":[{"id":"llama","object":"model","owned_by":"sglang","root":"llama"},
                 {"id":"sql","object":"model","root":"/adapters/sql","parent":"llama"}]}""");

        assertThat(sglang().loadedAdapters()).containsExactly("sql");
    }

    @Test
    void anEngineWithoutAdaptersHoldsNone() throws Exception {
        reply("GET /v1/models", 200, "{\"object\":\"list\",\"data\":[{\"id\":\"qwen-chat\",\"parent\":null}]}");

        assertThat(vllm().loadedAdapters()).isEmpty();
    }

    @Test
    void theApiKeyIsSentAsABearerToken() throws Exception {
        reply("GET /v1/models", 200, VLLM_MODELS);
        reply("POST /v1/load_lora_adapter", 200, "Success: LoRA adapter 'sql' added successfully.");

        vllm().loadedAdapters();
        vllm().load("sql", "/adapters/sql");

        assertThat(requests).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer " + Fixtures.API_KEY, "Bearer " + Fixtures.API_KEY);
    }

    @Test
    void withoutAKeyNoAuthorizationHeaderIsSent() throws Exception {
        reply("GET /v1/models", 200, VLLM_MODELS);

        connector.engine("127.0.0.1", port(), Engines.of(Backend.VLLM), null).loadedAdapters();
        connector.engine("127.0.0.1", port(), Engines.of(Backend.VLLM), new EngineCredential("")).loadedAdapters();

        assertThat(requests).extracting(r -> r.header("Authorization")).containsOnlyNulls();
    }

    @Test
    void requestsArePlainHttp11WithoutAnH2cUpgradeOffer() throws Exception {
        reply("GET /v1/models", 200, VLLM_MODELS);
        reply("POST /v1/load_lora_adapter", 200, "Success");

        vllm().loadedAdapters();
        vllm().load("sql", "/adapters/sql");

        assertThat(requests).allSatisfy(r -> {
            assertThat(r.header("Upgrade")).isNull();
            assertThat(r.header("HTTP2-Settings")).isNull();
        });
    }

    @Test
    void modelsAnsweringAnErrorMeanTheEngineIsUnavailable() {
        reply("GET /v1/models", 401, "{\"error\":\"Unauthorized\"}");

        assertThatThrownBy(() -> vllm().loadedAdapters()).isInstanceOf(EngineUnavailable.class)
                .hasMessageContaining("401");
    }

    @Test
    void modelsAnsweringSomethingElseThanJsonMeanTheEngineIsUnavailable() {
        reply("GET /v1/models", 200, "<html>proxy</html>");

        assertThatThrownBy(() -> vllm().loadedAdapters()).isInstanceOf(EngineUnavailable.class)
                .hasMessageContaining("not JSON");
    }

    // --- load and unload ---

    @Test
    void vllmLoadsThroughV1WithNameAndPath() throws Exception {
        reply("POST /v1/load_lora_adapter", 200, "Success: LoRA adapter 'sql' added successfully.");

        assertThat(vllm().load("sql", "/adapters/sql")).isEmpty();

        Request r = only();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/load_lora_adapter");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.json().path("lora_name").asText()).isEqualTo("sql");
        assertThat(r.json().path("lora_path").asText()).isEqualTo("/adapters/sql");
    }

    @Test
    void vllmUnloadsThroughV1ByName() throws Exception {
        reply("POST /v1/unload_lora_adapter", 200, "Success: LoRA adapter 'sql' removed successfully.");

        assertThat(vllm().unload("sql")).isEmpty();

        assertThat(only().path()).isEqualTo("/v1/unload_lora_adapter");
        assertThat(only().json().path("lora_name").asText()).isEqualTo("sql");
        assertThat(only().json().has("lora_path")).isFalse();
    }

    @Test
    void sglangLoadsAndUnloadsWithoutTheV1Prefix() throws Exception {
        reply("POST /load_lora_adapter", 200, "{\"success\":true,\"error_message\":null,\"loaded_adapters\":{\"sql\":\"/adapters/sql\"}}");
        reply("POST /unload_lora_adapter", 200, "{\"success\":true,\"error_message\":null,\"loaded_adapters\":{}}");

        assertThat(sglang().load("sql", "/adapters/sql")).isEmpty();
        assertThat(sglang().unload("sql")).isEmpty();

        assertThat(requests).extracting(Request::path).containsExactly("/load_lora_adapter", "/unload_lora_adapter");
        assertThat(requests.get(0).json().path("lora_path").asText()).isEqualTo("/adapters/sql");
        assertThat(requests).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + Fixtures.API_KEY));
    }

    @Test
    void vllmRefusalCarriesItsErrorMessage() throws Exception {
        reply("POST /v1/load_lora_adapter", 400, """
                {"object":"error","message":"The lora adapter 'sql' has already been loaded.","type":"BadRequestError","param":null,"code":400}""");

        assertThat(vllm().load("sql", "/adapters/sql")).contains("The lora adapter 'sql' has already been loaded.");
    }

    @Test
    void nestedOpenAiStyleErrorCarriesItsMessage() throws Exception {
        reply("POST /v1/load_lora_adapter", 400, """
                {"error":{"message":"Loading lora sql failed: No adapter found for /adapters/sql","type":"BadRequestError","code":400}}""");

        assertThat(vllm().load("sql", "/adapters/sql")).contains("Loading lora sql failed: No adapter found for /adapters/sql");
    }

    @Test
    void sglangRefusalWithStatus200IsARefusal() throws Exception {
        reply("POST /load_lora_adapter", 200, """
                {"success":false,"error_message":"LoRA rank 128 exceeds --max-lora-rank 64","loaded_adapters":{}}""");

        assertThat(sglang().load("sql", "/adapters/sql")).contains("LoRA rank 128 exceeds --max-lora-rank 64");
    }

    @Test
    void sglangRefusalWithStatus400CarriesItsMessage() throws Exception {
        reply("POST /unload_lora_adapter", 400, "{\"success\":false,\"error_message\":\"LoRA adapter sql is not loaded\"}");

        assertThat(sglang().unload("sql")).contains("LoRA adapter sql is not loaded");
    }

    @Test
    void fastApiDetailIsTheMessageWhenTheRouteIsMissing() throws Exception {
        assertThat(vllm().load("sql", "/adapters/sql")).contains("Not Found");
    }

    @Test
    void aRefusalWithoutBodyStillSaysWhatHappened() throws Exception {
        reply("POST /v1/load_lora_adapter", 403, "");

        assertThat(vllm().load("sql", "/adapters/sql")).hasValueSatisfying(m -> assertThat(m).contains("403"));
    }

    @Test
    void aLongRawMessageIsCut() throws Exception {
        reply("POST /v1/load_lora_adapter", 400, "x".repeat(2000));

        assertThat(vllm().load("sql", "/adapters/sql")).hasValueSatisfying(m -> {
            assertThat(m).hasSize(503).endsWith("...");
        });
    }

    @Test
    void serverErrorsMeanTheEngineIsUnavailableNotThatItRefused() {
        reply("POST /v1/load_lora_adapter", 503, "{\"object\":\"error\",\"message\":\"engine is restarting\"}");

        assertThatThrownBy(() -> vllm().load("sql", "/adapters/sql")).isInstanceOf(EngineUnavailable.class)
                .hasMessageContaining("503").hasMessageContaining("engine is restarting");
    }

    @Test
    void aClosedPortMeansTheEngineIsUnavailable() throws IOException {
        EngineAdmin engine = connector.engine("127.0.0.1", closedPort(), Engines.of(Backend.VLLM), KEY);

        assertThatThrownBy(engine::loadedAdapters).isInstanceOf(EngineUnavailable.class)
                .hasMessageContaining("did not answer")
                .hasMessageNotContaining(Fixtures.API_KEY);
        assertThatThrownBy(() -> engine.load("sql", "/adapters/sql")).isInstanceOf(EngineUnavailable.class);
        assertThatThrownBy(() -> engine.unload("sql")).isInstanceOf(EngineUnavailable.class);
    }

    @Test
    void anIpv6PodIpIsReachable() throws Exception {
        HttpServer v6;
        try {
            v6 = start("::1");
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback: " + e.getMessage());
            return;
        }
        try {
            reply("GET /v1/models", 200, VLLM_MODELS);
            reply("GET /status", 200, "{\"adapters\":{}}");

            assertThat(connector.engine("::1", v6.getAddress().getPort(), Engines.of(Backend.VLLM), KEY).loadedAdapters())
                    .containsExactlyInAnyOrder("sql", "chat");
            assertThat(connector.sidecar("::1", v6.getAddress().getPort()).status()).isEmpty();
        } finally {
            v6.stop(0);
        }
    }

    // --- the adapter-sync sidecar ---

    @Test
    void sidecarStatusIsReadPerAdapter() throws Exception {
        reply("GET /status", 200, """
                {"adapters":{
                  "a":{"state":"Ready","path":"/adapters/a","message":null},
                  "b":{"state":"Downloading","path":"/adapters/b","message":null},
                  "c":{"state":"Failed","path":"/adapters/c","message":"ModuleNotFoundError: No module named 'huggingface_hub'"}
                }}""");

        Map<String, SyncedAdapter> status = connector.sidecar("127.0.0.1", port()).status();

        assertThat(status).containsExactly(
                Map.entry("a", new SyncedAdapter("Ready", "/adapters/a", null)),
                Map.entry("b", new SyncedAdapter("Downloading", "/adapters/b", null)),
                Map.entry("c", new SyncedAdapter("Failed", "/adapters/c", "ModuleNotFoundError: No module named 'huggingface_hub'")));
        assertThat(status.get("a").ready()).isTrue();
        assertThat(status.get("c").failed()).isTrue();
        assertThat(only().path()).isEqualTo("/status");
        assertThat(only().header("Authorization")).as("the sidecar gets no key").isNull();
    }

    @Test
    void sidecarWithNothingListedYetReportsNothing() throws Exception {
        reply("GET /status", 200, "{\"adapters\":{}}");

        assertThat(connector.sidecar("127.0.0.1", port()).status()).isEmpty();
    }

    @Test
    void sidecarAnsweringAnErrorIsUnavailable() {
        reply("GET /status", 503, "{\"adapters\":{}}");

        assertThatThrownBy(() -> connector.sidecar("127.0.0.1", port()).status()).isInstanceOf(EngineUnavailable.class)
                .hasMessageContaining("503");
    }

    @Test
    void sidecarNotListeningIsUnavailable() throws IOException {
        AdapterSidecar sidecar = connector.sidecar("127.0.0.1", closedPort());

        assertThatThrownBy(sidecar::status).isInstanceOf(EngineUnavailable.class).hasMessageContaining("adapter-sync");
    }

    // --- the credential ---

    @Test
    void theCredentialNeverPrintsTheKey() {
        assertThat(KEY.toString()).doesNotContain(Fixtures.API_KEY).doesNotContain(Fixtures.API_KEY.substring(0, 8));
        assertThat(String.valueOf(Optional.of(KEY))).doesNotContain(Fixtures.API_KEY);
        assertThat(KEY.value()).isEqualTo(Fixtures.API_KEY);
    }
}
