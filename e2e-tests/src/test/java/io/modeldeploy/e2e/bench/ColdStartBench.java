package io.modeldeploy.e2e.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.e2e.support.GatewayProcess;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OpenAiCalls;
import io.modeldeploy.e2e.support.SlowLoadingDeployments;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The cold-start path of gateway.md ({@code make bench-gateway}): a deployment scaled to zero receives a burst of
 * requests through a real gateway process, and the time from the first request to its first byte is split into the
 * parts each actor owns, as a client watching the cluster sees them: the gateway's report, the operator's scaler and
 * reconcile and the ReplicaSet controller (request -> pod), the scheduler, SIMULATED kubelet and SIMULATED engine
 * load (pod -> Ready), and the gateway waking its held requests (Ready -> first byte). Printed, never asserted;
 * requests lost must be 0.
 */
class ColdStartBench {
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("modeldeploy.bench.cold.load-seconds", 3));
    private static final int REQUESTS = Integer.getInteger("modeldeploy.bench.cold.requests", 20);
    private static final String NAME = "cold";

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("cold");

    @Test
    void fromTheFirstRequestAtZeroToItsFirstByte() throws Exception {
        try (GatewayProcess gateway = new GatewayProcess(ns.cluster(), "cold", 1, ns.cluster().kubeconfig(),
                Map.of("MODELDEPLOY_GATEWAY_HOLD_TIMEOUT", TIMEOUT.toSeconds() + "s")).start()) {
            ns.harness().pointScalerAt(gateway.managementUrl());
            try {
                run(gateway);
            } finally {
                ns.harness().pointScalerAt(ns.harness().gatewayLoad().url());
            }
        }
    }

    private void run(GatewayProcess gateway) throws Exception {
        ns.create(SlowLoadingDeployments.expert(NAME, LOAD,
                "{minReplicas: 0, maxReplicas: 2, targetInFlight: 16, scaleDownDelay: 60s}"));
        Await.until(NAME + " scaled to zero", TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(NAME);
            return "Stopped".equals(md.phase()) && md.conditionIs("Ready", "False", "ScaledToZero");
        });
        String key = Await.until(NAME + "'s API key", TIMEOUT, () -> ns.client().secrets().inNamespace(ns.name())
                .withName(NAME + "-api-key").get() == null ? null : ns.apiKey(NAME));
        Await.until("the gateway lists " + NAME, TIMEOUT,
                () -> gateway.get("/models", key).body().contains("\"" + NAME + "\""));

        try (FirstSeen<GenericKubernetesResource> decided = new FirstSeen<>("scale decision", ns.mds(),
                md -> desired(md) > 0);
             FirstSeen<Pod> created = new FirstSeen<>("pod", pods(), pod -> true);
             FirstSeen<Pod> ready = new FirstSeen<>("Ready pod", pods(), ColdStartBench::isReady)) {
            ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
            List<CompletableFuture<Long>> firstBytes = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                String text = "cold request " + i;
                boolean streamed = i % 2 == 0;
                firstBytes.add(CompletableFuture.supplyAsync(() -> streamed ? firstByte(gateway, key, text)
                        : whole(gateway, key, text), clients));
            }
            List<Long> answered = new ArrayList<>();
            int lost = 0;
            for (CompletableFuture<Long> f : firstBytes) {
                try {
                    answered.add(f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
                } catch (Exception | AssertionError e) {
                    lost++;
                }
            }
            clients.shutdownNow();
            long decision = decided.await(NAME, TIMEOUT);
            long pod = created.awaitAny(TIMEOUT);
            long podReady = ready.awaitAny(TIMEOUT);
            long firstByte = answered.stream().mapToLong(Long::longValue).min().orElse(podReady);

            System.out.printf(Locale.ROOT, "%n=== cold start from zero (SIMULATED engine loading %d ms; %d requests, half"
                    + " streamed, through one gateway) ===%n", LOAD.toMillis(), REQUESTS);
            line("first request -> first pod created", start, pod,
                    "gateway's report, operator's scaler and reconcile, ReplicaSet controller");
            line("  (first request -> decision seen in status", start, decision,
                    "written by that reconcile after the Deployment)");
            line("first pod created -> Ready", pod, podReady, "scheduler, SIMULATED kubelet, SIMULATED engine load");
            line("Ready -> first byte at a client", podReady, firstByte, "gateway wakes its held requests");
            line("first request -> first byte", start, firstByte, "");
            System.out.printf(Locale.ROOT, "operator's part (request -> pod created) %.0f ms; engine's part (pod created"
                    + " -> Ready) %.0f ms%n", ms(start, pod), ms(pod, podReady));
            System.out.printf(Locale.ROOT, "requests answered %d/%d, lost %d (must be 0)%n%n", answered.size(),
                    REQUESTS, lost);
        }
    }

    private static io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable<Pod, io.fabric8.kubernetes.api.model.PodList,
            io.fabric8.kubernetes.client.dsl.PodResource> pods() {
        return ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", NAME);
    }

    private static int desired(GenericKubernetesResource md) {
        Object status = md.getAdditionalProperties().get("status");
        if (status instanceof Map<?, ?> s && s.get("autoscaling") instanceof Map<?, ?> a
                && a.get("desiredReplicas") instanceof Number n) {
            return n.intValue();
        }
        return 0;
    }

    private static boolean isReady(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** When the first line of a streamed answer arrived; the whole answer is read (and checked) too. */
    private static long firstByte(GatewayProcess gateway, String key, String text) {
        List<GatewayProcess.Arrival> lines = gateway.stream(OpenAiCalls.CHAT, key,
                OpenAiCalls.chat(NAME, text, ",\"stream\":true"), TIMEOUT);
        if (lines.isEmpty() || !lines.get(lines.size() - 1).line().equals("data: [DONE]")) {
            throw new AssertionError("stream of '" + text + "' did not end with [DONE]");
        }
        return lines.get(0).nanos();
    }

    /** When a whole answer arrived. */
    private static long whole(GatewayProcess gateway, String key, String text) {
        String content = OpenAiCalls.wholeContent(gateway, NAME, key, text, TIMEOUT);
        if (!content.endsWith(text)) {
            throw new AssertionError("answer of '" + text + "' was '" + content + "'");
        }
        return System.nanoTime();
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static void line(String what, long from, long to, String who) {
        System.out.printf(Locale.ROOT, "%-48s %8.0f ms   %s%n", what, ms(from, to), who);
    }
}
