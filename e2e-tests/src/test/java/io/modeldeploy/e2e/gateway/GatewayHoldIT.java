package io.modeldeploy.e2e.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.modeldeploy.e2e.support.GatewayProcess;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.OpenAiCalls;
import io.modeldeploy.e2e.support.SlowLoadingDeployments;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static io.modeldeploy.e2e.support.OpenAiCalls.CHAT;
import static io.modeldeploy.e2e.support.OpenAiCalls.chat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's hold queue end to end: the REAL API server, the packaged operator, gateway processes and SIMULATED
 * engines that count every request. The operator's scaler is not part of this: a deployment with
 * {@code spec.autoscaling} runs {@code spec.replicas} here, so "no ready instance" is an engine still loading its
 * weights, or a GPU type no node has.
 */
class GatewayHoldIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** The simulated engine's weight loading: long enough to hold a burst of requests before the instance is ready. */
    private static final Duration LOAD_DELAY = Duration.ofSeconds(25);
    private static final int STRICT_QUEUE = 3;
    private static final Duration STRICT_TIMEOUT = Duration.ofSeconds(4);

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("gw-hold");

    /** Holds up to 64 requests per deployment for two minutes. */
    private static GatewayProcess patient;
    /** Holds {@link #STRICT_QUEUE} requests per deployment for {@link #STRICT_TIMEOUT}. */
    private static GatewayProcess strict;

    @BeforeAll
    static void startGateways() {
        patient = new GatewayProcess(ns.cluster(), "hold-patient", 1, ns.cluster().kubeconfig(),
                Map.of("MODELDEPLOY_GATEWAY_HOLD_TIMEOUT", "120s", "MODELDEPLOY_GATEWAY_HOLD_MAX_PER_DEPLOYMENT", "64"))
                .start();
        strict = new GatewayProcess(ns.cluster(), "hold-strict", 1, ns.cluster().kubeconfig(),
                Map.of("MODELDEPLOY_GATEWAY_HOLD_TIMEOUT", STRICT_TIMEOUT.toSeconds() + "s",
                        "MODELDEPLOY_GATEWAY_HOLD_MAX_PER_DEPLOYMENT", Integer.toString(STRICT_QUEUE))).start();
    }

    @AfterAll
    static void stopGateways() {
        if (patient != null) {
            patient.stop();
        }
        if (strict != null) {
            strict.stop();
        }
    }

    @Test
    void requestsHeldWhileTheOnlyInstanceLoadsAreEachAnsweredOnceStreamedOrNot() throws Exception {
        ns.create(SlowLoadingDeployments.expert("slow", LOAD_DELAY, "{maxReplicas: 1}"));
        String key = awaitKey("slow");
        long generationBefore = generation(patient);
        // Held, then given up by the client: removed from the queue, never forwarded (counted below).
        awaitHolding(patient, "slow", key);
        Await.until("the probe's request left the queue", TIMEOUT, () -> held(patient, "slow") == 0);

        int n = 50;
        try (OpenAiCalls.Burst burst = OpenAiCalls.Burst.send(patient, "slow", key, n, "request ", TIMEOUT)) {
            Await.until("all " + n + " requests held", TIMEOUT, () -> held(patient, "slow") == n);
            assertThat(ns.md("slow").readyReplicas()).as("nothing was served before the instance was ready").isZero();
            assertThat(generation(patient)).as("a new demand at zero bumps the generation").isGreaterThan(generationBefore);

            assertThat(burst.contents()).isEqualTo(OpenAiCalls.simulatedAnswers("slow", "request ", n));
        }
        assertThat(held(patient, "slow")).isZero();
        String pod = ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", "slow").list()
                .getItems().get(0).getMetadata().getName();
        assertThat(ns.cluster().nodes().engine(ns.name(), pod).orElseThrow().requestsReceived("/v1" + CHAT))
                .as("each held request reached the engine once, the abandoned one never").isEqualTo(n);
    }

    @Test
    void aFullQueueIs503WithRetryAfterAndHeldRequestsTimeOutWithTheReadyConditionsMessage() throws Exception {
        ns.create(Manifests.quickStart("no-gpu", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: A100, count: 1}}", "replicas: 1\nautoscaling: {maxReplicas: 2}"));
        Await.until("the scheduler's reason in Ready", TIMEOUT,
                () -> ns.md("no-gpu").conditionMessage("Ready").contains("nodes are available"));
        String key = awaitKey("no-gpu");
        awaitHolding(strict, "no-gpu", key);
        Await.until("the probe's request left the queue", TIMEOUT, () -> held(strict, "no-gpu") == 0);

        ExecutorService clients = Executors.newFixedThreadPool(STRICT_QUEUE);
        try {
            List<CompletableFuture<HttpResponse<String>>> heldAnswers = new ArrayList<>();
            for (int i = 0; i < STRICT_QUEUE; i++) {
                heldAnswers.add(CompletableFuture.supplyAsync(() -> strict.post(CHAT, key, chat("no-gpu", "wait", ""),
                        TIMEOUT), clients));
            }
            Await.until("the queue full", TIMEOUT, () -> held(strict, "no-gpu") == STRICT_QUEUE);

            HttpResponse<String> refused = strict.post(CHAT, key, chat("no-gpu", "one too many", ""));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).get()
                    .satisfies(v -> assertThat(Long.parseLong(v)).isPositive());
            assertThat(json(refused).path("error").path("message").asText()).contains("waiting for an instance");

            for (CompletableFuture<HttpResponse<String>> answer : heldAnswers) {
                HttpResponse<String> expired = answer.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(expired.statusCode()).as(expired.body()).isEqualTo(503);
                assertThat(json(expired).path("error").path("message").asText())
                        .contains("became ready within " + STRICT_TIMEOUT.toSeconds() + " s")
                        .contains("nodes are available");
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(held(strict, "no-gpu")).as("nothing else is stuck").isZero();
        JsonNode report = json(strict.load(""));
        assertThat(report.path("gateway").asText()).isEqualTo("gateway-hold-strict");
        assertThat(deploymentIn(report, "no-gpu")).get()
                .satisfies(d -> assertThat(d.path("inFlight").asInt()).isZero());
    }

    @Test
    void aDeploymentWithoutAutoscalingAndNoReadyInstanceIsStill503AtOnce() {
        ns.create(Manifests.quickStart("no-gpu-fixed", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: A100, count: 1}}", "replicas: 1"));
        String key = awaitKey("no-gpu-fixed");
        Await.until("the gateway knows no-gpu-fixed", TIMEOUT,
                () -> strict.post(CHAT, key, chat("no-gpu-fixed", "hi", "")).statusCode() == 503);

        HttpResponse<String> answer = strict.post(CHAT, key, chat("no-gpu-fixed", "hi", ""));
        assertThat(json(answer).path("error").path("code").asText()).isEqualTo("no_ready_instance");
        assertThat(deploymentIn(json(strict.load("")), "no-gpu-fixed")).as("only autoscaled deployments are reported")
                .isEmpty();
    }

    // ------------------------------------------------------------------ support

    private static String awaitKey(String md) {
        return Await.until(md + "'s API key", TIMEOUT, () -> ns.client().secrets().inNamespace(ns.name())
                .withName(md + "-api-key").get() == null ? null : ns.apiKey(md));
    }

    /**
     * The gateway knows the deployment and its published key, and holds its requests: a probe request is still
     * unanswered when the client gives up on it.
     */
    private static void awaitHolding(GatewayProcess gateway, String model, String key) {
        Await.until("the gateway holds requests for " + model + " (log: " + gateway.log() + ")", TIMEOUT, () -> {
            try {
                HttpResponse<String> answer = gateway.post(CHAT, key, chat(model, "probe", ""), Duration.ofSeconds(2));
                // Not known yet (no key published, no served names): anything else means it was not held.
                assertThat(answer.statusCode()).as("answered before the instance was ready: %s", answer.body())
                        .isIn(401, 404);
                return false;
            } catch (IllegalStateException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                    return true;
                }
                throw e;
            }
        });
    }

    private static int held(GatewayProcess gateway, String deployment) {
        return deploymentIn(json(gateway.load("")), deployment).map(d -> d.path("held").asInt()).orElse(0);
    }

    private static long generation(GatewayProcess gateway) {
        return json(gateway.load("")).path("generation").asLong();
    }

    private static Optional<JsonNode> deploymentIn(JsonNode report, String name) {
        return StreamSupport.stream(report.path("deployments").spliterator(), false)
                .filter(d -> ns.name().equals(d.path("namespace").asText()) && name.equals(d.path("name").asText()))
                .findFirst();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return OpenAiCalls.json(response.body());
    }
}
