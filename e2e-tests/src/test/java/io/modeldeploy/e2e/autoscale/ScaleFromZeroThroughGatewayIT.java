package io.modeldeploy.e2e.autoscale;

import io.modeldeploy.e2e.support.GatewayProcess;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OpenAiCalls;
import io.modeldeploy.e2e.support.SlowLoadingDeployments;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scaler on a real gateway process: the operator reads the gateway's own load report, so a request sent at zero
 * is held by the gateway, wakes the scaler at once, and is answered by the instance it starts; idle again, the
 * deployment goes back to zero.
 */
class ScaleFromZeroThroughGatewayIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("zero-gw");

    private static GatewayProcess gateway;

    @BeforeAll
    static void pointTheScalerAtARealGateway() {
        gateway = new GatewayProcess(ns.cluster(), "zero-gw", 1, ns.cluster().kubeconfig(),
                Map.of("MODELDEPLOY_GATEWAY_HOLD_TIMEOUT", "120s")).start();
        ns.harness().pointScalerAt(gateway.managementUrl());
    }

    @AfterAll
    static void backToTheStub() {
        // Before the namespace goes (the extension deletes it after this): the next classes see the stub again.
        ns.harness().pointScalerAt(ns.harness().gatewayLoad().url());
        if (gateway != null) {
            gateway.stop();
        }
    }

    private static ModelDeploymentView awaitScaledToZero(String name) {
        return Await.until(name + " scaled to zero", TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(name);
            return "Stopped".equals(md.phase()) && md.conditionIs("Ready", "False", "ScaledToZero") ? md : null;
        });
    }

    @Test
    void aRequestAtZeroIsHeldAnInstanceStartsAndItIsAnsweredThenIdleGoesBackToZero() {
        String name = "zero-chat";
        ns.create(Manifests.quickStart(name, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: L40S, count: 1}}",
                "autoscaling: {minReplicas: 0, maxReplicas: 2, scaleDownDelay: 6s}"));
        awaitScaledToZero(name);
        String key = Await.until(name + "'s API key", TIMEOUT, () -> ns.client().secrets().inNamespace(ns.name())
                .withName(name + "-api-key").get() == null ? null : ns.apiKey(name));

        // The gateway knows the deployment once its key is published: until then it answers 401 or 404 at once.
        HttpResponse<String> answer = Await.until("an answer through the gateway (log: " + gateway.log() + ")", TIMEOUT,
                () -> {
                    HttpResponse<String> a = gateway.post("/chat/completions", key, "{\"model\":\"" + name
                            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"wake up\"}]}", TIMEOUT);
                    return a.statusCode() == 200 ? a : null;
                });

        assertThat(answer.body()).contains("wake up");
        assertThat(ns.events(name)).anyMatch(e -> "ScaledUp".equals(e.getReason())
                && e.getMessage().equals("scale up 0 to 1: 1 requests held at zero"));
        ModelDeploymentView idle = awaitScaledToZero(name);
        assertThat(idle.conditionMessage("Ready")).contains("nothing in flight or held for 6s");
    }

    /**
     * Fifty requests at zero, half of them streamed, while the only instances to come load for a few seconds: the
     * gateway holds them all, the scaler goes up on the fast path (held requests are demand), and every request is
     * answered once, with its own text: none lost, none sent twice (the engines count what reached them). Idle
     * again, the deployment goes down and then to zero, and its spec is never written.
     */
    @Test
    void fiftyRequestsAtZeroHalfStreamedAreEachAnsweredOnceAndTheScalerGoesUpThenBackToZero() throws Exception {
        String name = "burst";
        ns.create(SlowLoadingDeployments.expert(name, Duration.ofSeconds(5),
                "{minReplicas: 0, maxReplicas: 3, targetInFlight: 10, scaleDownDelay: 8s}"));
        awaitScaledToZero(name);
        long generation = ns.mds().withName(name).get().getMetadata().getGeneration();
        String key = Await.until(name + "'s API key", TIMEOUT, () -> ns.client().secrets().inNamespace(ns.name())
                .withName(name + "-api-key").get() == null ? null : ns.apiKey(name));
        // Known to the gateway with its key, without a request that would wake the scaler before the burst.
        Await.until("the gateway lists " + name + " for its key", TIMEOUT,
                () -> gateway.get("/models", key).body().contains("\"" + name + "\""));

        int n = 50;
        try (OpenAiCalls.Burst burst = OpenAiCalls.Burst.send(gateway, name, key, n, "burst request ", TIMEOUT)) {
            assertThat(burst.contents()).isEqualTo(OpenAiCalls.simulatedAnswers(name, "burst request ", n));
        }
        assertThat(requestsReceived(name)).as("each request reached an engine exactly once").isEqualTo(n);
        assertThat(ns.events(name)).as("held requests are demand: up to the most on the fast path")
                .anyMatch(e -> "ScaledUp".equals(e.getReason()) && e.getMessage().contains(" to 3"));

        awaitScaledToZero(name);
        assertThat(ns.events(name)).anyMatch(e -> "ScaledDown".equals(e.getReason()));
        assertThat(ns.mds().withName(name).get().getMetadata().getGeneration()).as("spec never written")
                .isEqualTo(generation);
    }

    /** What reached the engines of the deployment's pods (read before they go at the scale-down). */
    private static long requestsReceived(String deployment) {
        return ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", deployment).list()
                .getItems().stream().mapToLong(p -> ns.cluster().nodes().engine(ns.name(), p.getMetadata().getName())
                        .map(e -> e.requestsReceived("/v1" + OpenAiCalls.CHAT)).orElse(0L)).sum();
    }
}
