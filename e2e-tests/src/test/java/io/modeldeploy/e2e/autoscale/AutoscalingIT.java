package io.modeldeploy.e2e.autoscale;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.e2e.support.GatewayLoadStub;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.engine.EngineSimulator;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's scaler end to end: the REAL API server, the packaged operator, the SIMULATED kubelet and engines,
 * and a gateway load report the test controls ({@link GatewayLoadStub}, speaking the autoscaling contract).
 */
class AutoscalingIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Short, so a test sees instances removed; the decisions themselves come about once a second. */
    private static final String DELAY = "6s";

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("autoscale");

    private static GatewayLoadStub gateway() {
        return ns.harness().gatewayLoad();
    }

    private static void create(String name, String autoscaling, String backendArgs) {
        ns.create(Manifests.modelDeployment(name, """
                model: {id: Qwen/Qwen2.5-0.5B-Instruct}
                replicas: 1
                quickStart:
                  backend: vllm
                  backendVersion: "0.8.4"
                  backendArgs: %s
                  resources: {cpu: "2", memory: 8Gi, gpu: {type: L40S, count: 1}}
                %s""".formatted(backendArgs, autoscaling)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> autoscalingStatus(ModelDeploymentView md) {
        Object a = md.statusField("autoscaling");
        return a == null ? Map.of() : (Map<String, Object>) a;
    }

    private static int desired(String name) {
        Object d = autoscalingStatus(ns.md(name)).get("desiredReplicas");
        return d == null ? -1 : ((Number) d).intValue();
    }

    private static List<Pod> pods(String name) {
        return ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", name).list().getItems();
    }

    private static ModelDeploymentView awaitReady(String name, int instances) {
        return Await.until(name + " Running with " + instances + " ready instances", TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(name);
            return "Running".equals(md.phase()) && md.readyReplicas() == instances && md.instances().size() == instances
                    ? md : null;
        });
    }

    private static ModelDeploymentView awaitScaledToZero(String name) {
        ModelDeploymentView md = Await.until(name + " Stopped, scaled to zero, no pods", TIMEOUT, () -> {
            ModelDeploymentView now = ns.md(name);
            return "Stopped".equals(now.phase()) && now.conditionIs("Ready", "False", "ScaledToZero")
                    && pods(name).isEmpty() ? now : null;
        });
        assertThat(ns.harness().kubectl().ok("get", "md", name, "-n", ns.name())).contains("Stopped");
        return md;
    }

    /**
     * The scale Events, one per decision: an Event's name derives from its message, so a reconcile that records the
     * same decision again (from an informer cache that had not seen its own status patch yet) bumps that Event's
     * count instead of making another.
     */
    private static List<String> scaleEvents(String name) {
        return ns.events(name).stream().filter(e -> e.getReason().startsWith("Scaled"))
                .map(e -> e.getReason() + ": " + e.getMessage()).sorted().toList();
    }

    /** Each test's instances go with it: the simulated nodes have 8 L40S in all, shared with other test classes. */
    @AfterEach
    void deleteDeployments() {
        ns.mds().delete();
        Await.until("every instance of this test gone", TIMEOUT, () -> ns.client().pods().inNamespace(ns.name())
                .list().getItems().isEmpty());
    }

    @Test
    void gatewayLoadScalesUpAtOnceDownAfterTheDelayToZeroAndBackWithoutTouchingSpec() {
        String name = "auto-chat";
        gateway().report(ns.name(), name, 0, 0);
        create(name, "autoscaling: {minReplicas: 0, maxReplicas: 3, targetInFlight: 4, scaleDownDelay: " + DELAY + "}", "[]");

        ModelDeploymentView atZero = awaitScaledToZero(name);
        assertThat(atZero.conditionMessage("Ready")).startsWith("scaled to zero by the autoscaler (start at minReplicas 0)");
        Object generation = atZero.resource().getMetadata().getGeneration();
        Object spec = atZero.resource().getAdditionalProperties().get("spec");

        // A request held at zero: one instance at once.
        gateway().report(ns.name(), name, 0, 1);
        awaitReady(name, 1);
        assertThat(autoscalingStatus(ns.md(name))).containsEntry("held", 1).containsEntry("desiredReplicas", 1);

        // Load above targetInFlight x replicas: the fast path, well before any delay.
        gateway().report(ns.name(), name, 10, 0);
        Await.until("desired 3 for 10 in flight", Duration.ofSeconds(30), () -> desired(name) == 3);
        assertThat((String) autoscalingStatus(ns.md(name)).get("lastDecision"))
                .isEqualTo("scale up 1 to 3: 10 in flight, target 4 per instance");
        awaitReady(name, 3);

        // Less load: down to what the last scaleDownDelay needed, then idle: to zero.
        gateway().report(ns.name(), name, 5, 0);
        awaitReady(name, 2);
        gateway().report(ns.name(), name, 0, 0);
        ModelDeploymentView idle = awaitScaledToZero(name);
        assertThat(idle.conditionMessage("Ready")).contains("scale to zero: nothing in flight or held for 6s");

        assertThat(scaleEvents(name)).containsExactly(
                "ScaledDown: scale down 3 to 2: at most 2 needed over the last 6s; now 5 in flight, target 4 per instance",
                "ScaledDown: scale to zero: nothing in flight or held for 6s",
                "ScaledUp: scale up 0 to 1: 1 requests held at zero",
                "ScaledUp: scale up 1 to 3: 10 in flight, target 4 per instance");
        // Argo CD sees no drift: the operator never wrote spec.
        assertThat(idle.resource().getMetadata().getGeneration()).isEqualTo(generation);
        assertThat(idle.resource().getAdditionalProperties().get("spec")).isEqualTo(spec);
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName(name).get().getSpec().getReplicas())
                .isZero();
    }

    @Test
    void anOperatorRestartedMidScaleResumesWithoutFlapping() {
        String name = "auto-restart";
        gateway().report(ns.name(), name, 10, 0);
        create(name, "autoscaling: {minReplicas: 1, maxReplicas: 3, targetInFlight: 4, scaleDownDelay: " + DELAY + "}", "[]");
        Await.until("desired 3", TIMEOUT, () -> desired(name) == 3);
        Object scaledAt = autoscalingStatus(ns.md(name)).get("lastScaleTime");

        ns.restartOperator(name, () -> null);
        // Watch the new process decide for longer than scaleDownDelay: it answered this many more load polls.
        long polls = gateway().polls();
        Await.until("the restarted scaler polled for more than " + DELAY, TIMEOUT, () -> gateway().polls() >= polls + 10);

        ModelDeploymentView md = awaitReady(name, 3);
        assertThat(autoscalingStatus(md)).containsEntry("desiredReplicas", 3).containsEntry("lastScaleTime", scaledAt);
        assertThat(scaleEvents(name)).containsExactly("ScaledUp: scale up 1 to 3: 10 in flight, target 4 per instance");
        assertThat(md.resource().getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void theEnginesOwnQueueScalesUpWhatTheGatewayDoesNotSee() throws Exception {
        String name = "auto-queue";
        gateway().report(ns.name(), name, 0, 0);
        create(name, "autoscaling: {minReplicas: 1, maxReplicas: 2, targetInFlight: 1, scaleDownDelay: " + DELAY + "}",
                "[--max-num-seqs, \"1\"]");
        ModelDeploymentView md = awaitReady(name, 1);
        String pod = (String) md.instances().get(0).get("instanceId");
        EngineSimulator engine = ns.cluster().nodes().engine(ns.name(), pod).orElseThrow();
        engine.slowAnswers(Duration.ofMinutes(5));

        // Two requests straight to the engine: one runs, one waits above --max-num-seqs 1.
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            replies.add(direct(ns.pod(pod), ns.apiKey(name)));
        }
        Await.until("the engine queues one request", TIMEOUT, () -> engine.waitingRequests() == 1);
        Await.until("desired 2 from the engine's queue", TIMEOUT, () -> desired(name) == 2);
        assertThat(autoscalingStatus(ns.md(name))).containsEntry("queued", 1).containsEntry("inFlight", 2);
        // The slowed requests keep the demand up while the second instance starts.
        awaitReady(name, 2);

        engine.slowAnswers(Duration.ZERO);
        for (CompletableFuture<HttpResponse<String>> reply : replies) {
            assertThat(reply.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        Await.until("back to 1 once the queue is empty for " + DELAY, TIMEOUT, () -> desired(name) == 1);
        awaitReady(name, 1);
    }

    @Test
    void withoutAutoscalingSpecReplicasAndTheScaleSubresourceRule() {
        String name = "no-auto";
        create(name, "", "[]");
        awaitReady(name, 1);

        ns.harness().kubectl().ok("scale", "-n", ns.name(), "md/" + name, "--replicas=2");

        ModelDeploymentView md = awaitReady(name, 2);
        assertThat(md.statusField("autoscaling")).isNull();
        assertThat(scaleEvents(name)).isEmpty();
    }

    private static CompletableFuture<HttpResponse<String>> direct(Pod pod, String key) {
        int port = pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + pod.getStatus().getPodIP() + ":" + port
                        + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto-queue\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hello\"}]}"))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}
