package io.modeldeploy.e2e.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.e2e.chart.Chart;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.e2e.support.ServiceAccountKubeconfig;
import io.modeldeploy.e2e.support.GatewayProcess;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.tenancy.AlayaDeployments;
import io.modeldeploy.sim.platform.alayanew.AlayaNewSimulator;
import io.modeldeploy.sim.platform.drun.DRunSimulator;
import io.modeldeploy.sim.platform.http.SimOptions;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.engine.EngineSimulator;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway end to end: the REAL API server, the packaged operator and two gateway processes (one Service's two
 * replicas) running as the chart's gateway ServiceAccount (so with exactly its RBAC: ModelDeployments and pods read
 * only, Secrets only in its own namespace), SIMULATED engines that count every request reaching them.
 */
class GatewayIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "/chat/completions";
    private static final String COMPLETIONS = "/completions";
    private static final String EMBEDDINGS = "/embeddings";
    /** The gateway's ServiceAccount (and RBAC objects) as the chart names them for release {@link Chart#RELEASE}. */
    private static final String GATEWAY_ACCOUNT = "modeldeploy-modeldeploy-operator-gateway";
    private static final String ALAYA_ACCESS_KEY = "ak-gateway-it";
    private static final String ALAYA_SECRET_KEY = "sk-gateway-it-secret";
    private static final String DRUN_ACCESS_KEY = "drun-gateway-it-access-key";

    @RegisterExtension
    static final TestNamespace a = TestNamespace.withOperator("gw-a");
    @RegisterExtension
    static final TestNamespace b = TestNamespace.withOperator("gw-b");

    private static GatewayProcess gateway;
    private static GatewayProcess second;
    /** A SIMULATED Alaya NeW whose services answer inference at their URL, checking the apiKey header. */
    private static AlayaNewSimulator alaya;

    /** The chart's RBAC objects of the gateway, applied into its namespace: the gateways run with exactly these rights. */
    private static List<ObjectNode> gatewayRbac;

    @BeforeAll
    static void startGateways() {
        gatewayRbac = Chart.render(OperatorHarness.GATEWAY_NAMESPACE, java.util.Optional.empty()).stream()
                .filter(o -> o.path("metadata").path("name").asText().startsWith(GATEWAY_ACCOUNT)
                        && o.path("kind").asText().matches("ServiceAccount|(Cluster)?Role(Binding)?")).toList();
        gatewayRbac.forEach(o -> a.client().resource(Serialization.unmarshal(o.toString(), GenericKubernetesResource.class))
                .fieldManager("gateway-it").forceConflicts().serverSideApply());
        Path kubeconfig = ServiceAccountKubeconfig.write(a.client(), OperatorHarness.GATEWAY_NAMESPACE, GATEWAY_ACCOUNT,
                a.cluster().root().resolve("e2e-tests/target/gateway-it.kubeconfig"));
        gateway = new GatewayProcess(a.cluster(), "one", 2, kubeconfig).start();
        second = new GatewayProcess(a.cluster(), "two", 2, kubeconfig).start();
        alaya = AlayaNewSimulator.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ALAYA_ACCESS_KEY,
                ALAYA_SECRET_KEY, SimOptions.defaults().withDeployDelay(Duration.ofSeconds(1))).answerInference();
    }

    @AfterAll
    static void stopGateways() {
        if (alaya != null) {
            alaya.close();
        }
        if (gateway != null) {
            gateway.stop();
        }
        if (second != null) {
            second.stop();
        }
        if (gatewayRbac != null) {
            // Cluster-scoped: gone with this class (the namespaced ones stay in the gateway's namespace).
            gatewayRbac.stream().filter(o -> o.path("kind").asText().startsWith("Cluster")).forEach(o -> a.client()
                    .resource(Serialization.unmarshal(o.toString(), GenericKubernetesResource.class)).delete());
        }
    }

    // ------------------------------------------------------------------ routing and answers

    @Test
    void chatAndCompletionsStreamedAndNotAreAnsweredByTheNamedDeployment() {
        deploy(a, "alpha", 1, "");
        deploy(a, "beta", 1, "");
        String key = a.apiKey("alpha");
        awaitServed(gateway, "alpha", key);
        long betaBefore = received(a, "beta", CHAT) + received(a, "beta", COMPLETIONS);
        long chatBefore = received(a, "alpha", CHAT);
        long completionsBefore = received(a, "alpha", COMPLETIONS);

        HttpResponse<String> chat = gateway.post(CHAT, key, chat("alpha", "hello gateway", ""));
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(json(chat).path("choices").path(0).path("message").path("content").asText())
                .isEqualTo("[simulated alpha] hello gateway");
        HttpResponse<String> text = gateway.post(COMPLETIONS, key, "{\"model\":\"alpha\",\"prompt\":\"once upon\"}");
        assertThat(text.statusCode()).as(text.body()).isEqualTo(200);
        assertThat(json(text).path("usage").path("completion_tokens").asInt()).isPositive();

        List<String> streamed = lines(gateway.stream(CHAT, key, chat("alpha", "stream me", ",\"stream\":true")));
        assertThat(streamed).last().isEqualTo("data: [DONE]");
        assertThat(streamed).as("the usage chunk the gateway asked for is not passed to a client that did not")
                .noneMatch(l -> l.contains("\"usage\""));
        List<String> withUsage = lines(gateway.stream(COMPLETIONS, key, "{\"model\":\"alpha\",\"prompt\":\"count\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
        assertThat(withUsage).anyMatch(l -> l.contains("\"prompt_tokens\""));

        assertThat(received(a, "alpha", CHAT) - chatBefore).isEqualTo(2);
        assertThat(received(a, "alpha", COMPLETIONS) - completionsBefore).isEqualTo(2);
        assertThat(received(a, "beta", CHAT) + received(a, "beta", COMPLETIONS)).isEqualTo(betaBefore);
        assertThat(gateway.metrics()).contains("deployment=\"" + a.name() + "/alpha\"")
                .contains("modeldeploy_gateway_tokens_total").doesNotContain(key);
    }

    /** A deleted deployment's key stops opening the gateway and leaves no copy behind in the gateway's namespace. */
    @Test
    void aDeletedDeploymentsPublishedKeyIsRemoved() {
        deploy(a, "short-lived", 1, "");
        String key = a.apiKey("short-lived");
        awaitServed(gateway, "short-lived", key);
        String copy = publishedCopyName(a.name() + "/short-lived-api-key/apiKey");
        assertThat(a.client().secrets().inNamespace(OperatorHarness.GATEWAY_NAMESPACE).withName(copy).get()).isNotNull();

        a.mds().withName("short-lived").delete();

        Await.until("the published copy of short-lived's key removed", TIMEOUT,
                () -> a.client().secrets().inNamespace(OperatorHarness.GATEWAY_NAMESPACE).withName(copy).get() == null);
        assertThat(gateway.post(CHAT, key, chat("short-lived", "still there?", "")).statusCode()).isIn(401, 404);
    }

    @Test
    void embeddingsAreAnsweredByTheNamedDeployment() {
        deploy(a, "embedder", 1, "");
        String key = a.apiKey("embedder");
        awaitServed(gateway, "embedder", key);
        long before = received(a, "embedder", EMBEDDINGS);

        HttpResponse<String> answer = gateway.post(EMBEDDINGS, key,
                "{\"model\":\"embedder\",\"input\":[\"first text\",\"second\"]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.path("data").path(0).path("embedding").size()).isPositive();
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(received(a, "embedder", EMBEDDINGS) - before).isEqualTo(1);
        assertThat(gateway.metrics()).containsPattern("modeldeploy_gateway_tokens_total\\{deployment=\"" + a.name()
                + "/embedder\",kind=\"prompt\"[^}]*} [1-9]");
    }

    @Test
    void aWrongOrMissingKeyIs401AndReachesNoEngine() {
        deploy(a, "guarded", 1, "");
        deploy(a, "other", 1, "");
        awaitServed(gateway, "guarded", a.apiKey("guarded"));
        awaitServed(gateway, "other", a.apiKey("other"));
        long before = received(a, "guarded", CHAT);

        for (String key : new String[]{null, "sk-wrong", a.apiKey("other")}) {
            HttpResponse<String> refused = gateway.post(CHAT, key, chat("guarded", "let me in", ""));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
            assertThat(json(refused).path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(json(refused).path("error").path("code").asText()).isEqualTo("invalid_api_key");
        }
        assertThat(received(a, "guarded", CHAT)).as("no refused request reached the engine").isEqualTo(before);
    }

    @Test
    void aNameInTwoNamespacesIsAmbiguousUntilNamespacedAndUnknownModelsAre404() {
        deploy(a, "twin", 1, "");
        deploy(b, "twin", 1, "");
        String keyA = a.apiKey("twin");
        String keyB = b.apiKey("twin");
        awaitServed(gateway, a.name() + "/twin", keyA);
        awaitServed(gateway, b.name() + "/twin", keyB);

        HttpResponse<String> ambiguous = gateway.post(CHAT, keyA, chat("twin", "which one", ""));
        assertThat(ambiguous.statusCode()).as(ambiguous.body()).isEqualTo(400);
        assertThat(json(ambiguous).path("error").path("message").asText())
                .contains(a.name() + "/twin").contains(b.name() + "/twin");

        long aBefore = received(a, "twin", CHAT);
        long bBefore = received(b, "twin", CHAT);
        assertThat(gateway.post(CHAT, keyB, chat(b.name() + "/twin", "to b", "")).statusCode()).isEqualTo(200);
        assertThat(received(b, "twin", CHAT) - bBefore).isEqualTo(1);
        assertThat(received(a, "twin", CHAT)).isEqualTo(aBefore);
        assertThat(gateway.post(CHAT, keyA, chat(b.name() + "/twin", "a's key on b", "")).statusCode()).isEqualTo(401);

        HttpResponse<String> unknown = gateway.post(CHAT, keyA, chat("no-such-model", "hi", ""));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error").path("code").asText()).isEqualTo("model_not_found");
        assertThat(json(unknown).path("error").has("message")).isTrue();
    }

    @Test
    void modelsListsWhatThePresentedKeyMayCall() {
        deploy(a, "listed", 1, "");
        deploy(a, "unlisted", 1, "");
        String key = a.apiKey("listed");
        awaitServed(gateway, "listed", key);
        awaitServed(gateway, "unlisted", a.apiKey("unlisted"));

        HttpResponse<String> models = gateway.get("/models", key);
        assertThat(models.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(models).path("data").forEach(m -> ids.add(m.path("id").asText()));
        assertThat(ids).containsExactly("listed");
        assertThat(gateway.get("/models", "sk-nobody").statusCode()).isEqualTo(401);
    }

    @Test
    void aGatewayStartedAfterTheDeploymentServesItOnceReady() {
        deploy(a, "earlier", 1, "");
        String key = a.apiKey("earlier");
        awaitServed(gateway, "earlier", key);

        // Readiness means everything listed is in the routing snapshot: no wait beyond it.
        try (GatewayProcess late = new GatewayProcess(a.cluster(), "late", 1).start()) {
            HttpResponse<String> answer = late.post(CHAT, key, chat("earlier", "first request", ""));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    // ------------------------------------------------------------------ instances

    @Test
    void adapterRequestsGoOnlyToTheInstanceWhoseEngineHoldsTheAdapter() {
        // One engine refuses to load the adapter, so exactly one instance holds it.
        a.create(Manifests.quickStart("lora-base", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: H100, count: 1}}",
                "replicas: 2\nadapters:\n  - {name: sql, uri: hf://example/sql-lora}"));
        String refusing = Await.until("an engine of lora-base", TIMEOUT, () -> pods(a, "lora-base").stream()
                .map(p -> p.getMetadata().getName()).filter(n -> a.cluster().nodes().engine(a.name(), n).isPresent())
                .findFirst().orElse(null));
        a.cluster().nodes().engine(a.name(), refusing).orElseThrow().failAdapterLoads("sql", "simulated refusal");
        Await.until("one instance holding sql, one not", TIMEOUT, () -> {
            var instances = a.md("lora-base").instances();
            return instances.size() == 2 && instances.stream().filter(i -> List.of("sql").equals(i.get("loraModels")))
                    .count() == 1 && instances.stream().allMatch(i -> Boolean.TRUE.equals(i.get("baseModelReady")));
        });
        String holding = pods(a, "lora-base").stream().map(p -> p.getMetadata().getName())
                .filter(n -> !n.equals(refusing)).findFirst().orElseThrow();
        String key = a.apiKey("lora-base");
        awaitServed(gateway, "sql", key);
        long holdingBefore = receivedBy(a, holding, CHAT);
        long refusingBefore = receivedBy(a, refusing, CHAT);

        for (int i = 0; i < 6; i++) {
            HttpResponse<String> answer = gateway.post(CHAT, key, chat("sql", "select", ""));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }

        assertThat(receivedBy(a, holding, CHAT) - holdingBefore).isEqualTo(6);
        assertThat(receivedBy(a, refusing, CHAT)).isEqualTo(refusingBefore);
    }

    @Test
    void requestsToAKilledInstanceAreRetriedOnAnotherBeforeTheFirstByte() {
        deploy(a, "sturdy", 2, "");
        String key = a.apiKey("sturdy");
        Await.until("2 ready instances", TIMEOUT, () -> a.md("sturdy").readyReplicas() == 2);
        awaitServed(gateway, "sturdy", key);
        List<String> pods = pods(a, "sturdy").stream().map(p -> p.getMetadata().getName()).toList();
        String survivor = pods.get(1);
        long survivorBefore = receivedBy(a, survivor, CHAT);

        // The engine process is gone at once; its pod is still Ready until the kubelet's next probes fail.
        a.cluster().nodes().engine(a.name(), pods.get(0)).orElseThrow().close();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> answer = gateway.post(CHAT, key, chat("sturdy", "still there", ""));
            assertThat(answer.statusCode()).as("request %d: %s", i, answer.body()).isEqualTo(200);
        }
        assertThat(receivedBy(a, survivor, CHAT) - survivorBefore).isEqualTo(10);
        assertThat(gateway.metrics()).as("some requests picked the dead instance first and were retried")
                .containsPattern("modeldeploy_gateway_retries_total\\{deployment=\"" + a.name() + "/sturdy\"[^}]*} [1-9]");
    }

    @Test
    void aStreamedAnswerArrivesEventByEvent() {
        deploy(a, "paced", 1, "");
        String key = a.apiKey("paced");
        awaitServed(gateway, "paced", key);
        Duration gap = Duration.ofMillis(250);
        String pod = pods(a, "paced").get(0).getMetadata().getName();
        a.cluster().nodes().engine(a.name(), pod).orElseThrow().paceStreams(gap);

        List<GatewayProcess.Arrival> arrivals = gateway.stream(CHAT, key,
                chat("paced", "one two three four five", ",\"stream\":true"));

        List<GatewayProcess.Arrival> pieces = arrivals.stream().filter(l -> l.line().contains("\"content\":\"")
                && !l.line().contains("\"content\":\"\"")).toList();
        assertThat(pieces).hasSizeGreaterThanOrEqualTo(5);
        // A buffering gateway would deliver every piece at once; paced by the engine, they arrive spread out.
        long spread = pieces.get(pieces.size() - 1).nanos() - pieces.get(0).nanos();
        assertThat(Duration.ofNanos(spread)).isGreaterThanOrEqualTo(gap.multipliedBy(pieces.size() - 2));
    }

    // ------------------------------------------------------------------ managed targets

    @Test
    void aManagedDeploymentIsAnsweredThroughTheGatewayWithTheVendorsOwnKeyHeader() {
        a.client().secrets().inNamespace(a.name()).resource(new SecretBuilder().withNewMetadata().withName("alaya-creds")
                .withLabels(Map.of("modeldeploy.io/secret-type", "vendor-credentials")).endMetadata()
                .withStringData(Map.of("accessKey", ALAYA_ACCESS_KEY, "secretKey", ALAYA_SECRET_KEY)).build()).create();
        a.create(AlayaDeployments.onAlaya("on-alaya", alaya.apiBaseUrl(), "alaya-creds"));
        try {
            answeredThroughTheGateway();
        } finally {
            // Its finalizer deletes the vendor service: done while the simulator still answers.
            a.mds().withName("on-alaya").delete();
            Await.until("on-alaya deleted", TIMEOUT, () -> a.mds().withName("on-alaya").get() == null);
        }
    }

    /**
     * d.run issues no key per service: the account's inference key, in the user's own Secret named by spec.apiKey, is
     * what clients present at the gateway and what the gateway sends on as a bearer token.
     */
    @Test
    void aVendorWithAccountKeysIsAnsweredThroughTheGatewayWithTheUsersInferenceKey() {
        String inferenceKey = "drun-inference-key-gateway-it";
        try (DRunSimulator drun = DRunSimulator.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                DRUN_ACCESS_KEY, SimOptions.defaults().withDeployDelay(Duration.ofSeconds(1)))
                .answerInference(inferenceKey)) {
            a.client().secrets().inNamespace(a.name()).resource(new SecretBuilder().withNewMetadata()
                    .withName("drun-creds").withLabels(Map.of("modeldeploy.io/secret-type", "vendor-credentials"))
                    .endMetadata().withStringData(Map.of("token", DRUN_ACCESS_KEY)).build()).create();
            a.client().secrets().inNamespace(a.name()).resource(new SecretBuilder().withNewMetadata()
                    .withName("drun-inference").endMetadata().withStringData(Map.of("key", inferenceKey)).build())
                    .create();
            a.create(Manifests.quickStart("on-drun", "meta-llama/Llama-3.1-8B-Instruct", "vllm", "0.8.4",
                    "{gpu: {type: RTX4090, count: 1}}", """
                            apiKey: {secretRef: {name: drun-inference, key: key}}
                            target:
                              provider: DRun
                              endpoint: %s
                              credentialsSecretRef: {name: drun-creds}
                              dRun: {region: sh-02, skuId: sku-4090-1}
                            """.formatted(drun.baseUrl())));
            try {
                ModelDeploymentView md = a.awaitPhase("on-drun", "Running");
                assertThat(md.statusField("apiKeySecret")).isEqualTo("drun-inference");
                @SuppressWarnings("unchecked")
                String model = ((List<String>) md.statusField("servedNames")).get(0);
                awaitServed(gateway, model, inferenceKey);
                int callsBefore = drun.requests().count("inference");

                HttpResponse<String> answer = gateway.post(CHAT, inferenceKey, chat(model, "hello d.run", ""));

                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(json(answer).path("choices").path(0).path("message").path("content").asText())
                        .contains(model);
                var call = drun.requests().last("inference").orElseThrow();
                assertThat(call.path()).isEqualTo("/inference/sh-02/v1/chat/completions");
                assertThat(call.header("Authorization")).contains("Bearer " + inferenceKey);
                assertThat(gateway.post(CHAT, "sk-wrong", chat(model, "hello d.run", "")).statusCode()).isEqualTo(401);
                assertThat(drun.requests().count("inference")).as("only the accepted request reached d.run")
                        .isEqualTo(callsBefore + 1);
            } finally {
                a.mds().withName("on-drun").delete();
                Await.until("on-drun deleted", TIMEOUT, () -> a.mds().withName("on-drun").get() == null);
            }
        }
    }

    private static void answeredThroughTheGateway() {
        ModelDeploymentView md = a.awaitPhase("on-alaya", "Running");
        Await.until("the vendor's key in on-alaya-api-key", TIMEOUT,
                () -> a.client().secrets().inNamespace(a.name()).withName("on-alaya-api-key").get() != null);
        String key = a.apiKey("on-alaya");
        @SuppressWarnings("unchecked")
        String model = ((List<String>) md.statusField("servedNames")).get(0);
        awaitServed(gateway, model, key);
        int callsBefore = alaya.requests().count("inference");

        HttpResponse<String> answer = gateway.post(CHAT, key, chat(model, "hello vendor", ""));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String serviceId = (String) md.statusField("serviceId");
        assertThat(json(answer).path("choices").path(0).path("message").path("content").asText()).contains(serviceId);
        assertThat(alaya.requests().count("inference")).isEqualTo(callsBefore + 1);
        var call = alaya.requests().last("inference").orElseThrow();
        assertThat(call.path()).isEqualTo("/inference/" + serviceId + "/v1/chat/completions");
        assertThat(call.header("apiKey")).contains(key);
        assertThat(call.header("Authorization")).as("the client's bearer token is not passed on").isEmpty();
        assertThat(gateway.post(CHAT, "sk-wrong", chat(model, "hello vendor", "")).statusCode()).isEqualTo(401);
        assertThat(alaya.requests().count("inference")).as("a refused key never reaches the vendor")
                .isEqualTo(callsBefore + 1);
    }

    // ------------------------------------------------------------------ limits

    @Test
    void theRateLimitHoldsAcrossTwoGatewayReplicasWithRetryAfter() {
        deploy(a, "limited", 1, "gateway: {rateLimit: {requestsPerMinute: 4}}");
        String key = a.apiKey("limited");
        awaitServed(gateway, "limited", key);
        awaitServed(second, "limited", key);
        // Each replica admits its share, 2 a minute; awaitServed took at least one of each share.
        List<Integer> codes = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> answer = (i % 2 == 0 ? gateway : second).post(CHAT, key, chat("limited", "again", ""));
            codes.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                refused = answer;
            }
        }
        assertThat(codes.subList(2, 6)).as("%s", codes).containsOnly(429);
        assertThat(codes.stream().filter(c -> c == 200).count()).as("%s", codes).isLessThanOrEqualTo(2);
        assertThat(refused.headers().firstValue("Retry-After")).get().satisfies(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(json(refused).path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");
    }

    // ------------------------------------------------------------------ support

    /** The README's rule for a published copy's name: the first 12 bytes of SHA-256 of namespace/secret/field. */
    private static String publishedCopyName(String source) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "modeldeploy-key-" + java.util.HexFormat.of().formatHex(hash, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deploy(TestNamespace ns, String name, int replicas, String moreSpec) {
        ns.create(Manifests.quickStart(name, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: H100, count: 1}}", "replicas: " + replicas + "\n" + moreSpec));
        ns.awaitPhase(name, "Running");
    }

    /** The operator has published the key and the gateway's informers show the deployment: one request answers. */
    private static void awaitServed(GatewayProcess g, String model, String key) {
        Await.until("the gateway serves " + model + " (log: " + g.log() + ")", TIMEOUT,
                () -> g.post(CHAT, key, chat(model, "ready?", "")).statusCode() == 200);
    }

    private static String chat(String model, String text, String more) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]" + more + "}";
    }

    private static List<Pod> pods(TestNamespace ns, String deployment) {
        return ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", deployment).list()
                .getItems().stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted(java.util.Comparator.comparing(p -> p.getMetadata().getName())).toList();
    }

    /** Requests at {@code path} that reached any engine of the deployment, whatever their key. */
    private static long received(TestNamespace ns, String deployment, String path) {
        return pods(ns, deployment).stream().mapToLong(p -> receivedBy(ns, p.getMetadata().getName(), path)).sum();
    }

    private static long receivedBy(TestNamespace ns, String pod, String path) {
        return ns.cluster().nodes().engine(ns.name(), pod).map(e -> e.requestsReceived("/v1" + path)).orElse(0L);
    }

    private static List<String> lines(List<GatewayProcess.Arrival> arrivals) {
        return arrivals.stream().map(GatewayProcess.Arrival::line).collect(Collectors.toList());
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
