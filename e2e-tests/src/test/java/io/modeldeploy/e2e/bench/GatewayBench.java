package io.modeldeploy.e2e.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.e2e.support.GatewayProcess;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gateway's rows of gateway.md's benchmark ({@code make bench-gateway}): against one SIMULATED engine instance,
 * requests per second and p50/p99 latency direct to the instance and through the gateway at 64 and 256 concurrent
 * clients, streamed time to first byte both ways, and the gateway's resident memory under that load. Printed with the
 * targets, never asserted (timing on a shared machine proves nothing); the same run measures both paths. The load
 * generator runs in this JVM on the same CPUs as the engine and the gateway, so absolute numbers are the machine's,
 * the ratio is the gateway's.
 */
class GatewayBench {
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("modeldeploy.bench.seconds", 8));
    private static final int[] CLIENTS = {64, 256};
    private static final int STREAMS = 200;
    private static final String BODY = "{\"model\":\"bench\",\"max_tokens\":8,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello bench\"}]%s}";

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("bench");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(16)).build();

    @Test
    void directVersusThroughTheGateway() throws Exception {
        ns.create(Manifests.quickStart("bench", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: H100, count: 1}}", "replicas: 1"));
        ns.awaitPhase("bench", "Running");
        String key = ns.apiKey("bench");
        Pod pod = ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", "bench").list()
                .getItems().get(0);
        String direct = "http://" + pod.getStatus().getPodIP() + ":"
                + pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort() + "/v1";

        try (GatewayProcess gateway = new GatewayProcess(ns.cluster(), "bench", 1).start()) {
            Await.until("the gateway serves bench (log: " + gateway.log() + ")", Duration.ofSeconds(60), () -> {
                HttpResponse<String> answer = gateway.post("/chat/completions", key, BODY.formatted(""));
                if (answer.statusCode() != 200) {
                    throw new AssertionError("last answer " + answer.statusCode() + ": " + answer.body());
                }
                return true;
            });
            List<String> rows = new ArrayList<>();
            long peakRss = gateway.residentBytes();
            for (int clients : CLIENTS) {
                Result d = load(direct, key, clients);
                Result g = load(gateway.baseUrl(), key, clients);
                peakRss = Math.max(peakRss, gateway.residentBytes());
                rows.add(row("direct", clients, d));
                rows.add(row("gateway", clients, g));
                rows.add(String.format(Locale.ROOT, "  -> %d clients: gateway/direct throughput %.2fx (target >= 0.80),"
                                + " added p50 %.2f ms (target <= 1), added p99 %.2f ms (target <= 5)", clients,
                        g.perSecond() / d.perSecond(), g.p50Ms() - d.p50Ms(), g.p99Ms() - d.p99Ms()));
            }
            double ttfbDirect = ttfb(direct, key);
            double ttfbGateway = ttfb(gateway.baseUrl(), key);
            peakRss = Math.max(peakRss, gateway.residentBytes());
            System.out.println("\n=== gateway bench (SIMULATED engine, one instance, " + RUN.toSeconds() + " s per row) ===");
            System.out.println("path      clients   req/s      p50 ms   p99 ms   errors");
            rows.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "streamed time to first byte, p50 of %d: direct %.2f ms, gateway %.2f ms%n",
                    STREAMS, ttfbDirect, ttfbGateway);
            System.out.printf(Locale.ROOT, "gateway RSS, peak sampled: %d MB (target <= 200 MB)%n%n", peakRss >> 20);
        }
    }

    /** @param errorKinds how the failed requests failed (status code or exception), with counts */
    private record Result(long requests, long errors, double seconds, List<Long> latenciesNanos,
                          Map<String, Long> errorKinds) {
        double perSecond() {
            return requests / seconds;
        }

        double p50Ms() {
            return percentile(0.50);
        }

        double p99Ms() {
            return percentile(0.99);
        }

        private double percentile(double p) {
            if (latenciesNanos.isEmpty()) {
                return Double.NaN;
            }
            int i = Math.min(latenciesNanos.size() - 1, (int) Math.ceil(p * latenciesNanos.size()) - 1);
            return latenciesNanos.get(Math.max(0, i)) / 1e6;
        }
    }

    private static String row(String path, int clients, Result r) {
        return String.format(Locale.ROOT, "%-9s %7d %9.0f %10.2f %8.2f %8d %s", path, clients, r.perSecond(), r.p50Ms(),
                r.p99Ms(), r.errors(), r.errorKinds().isEmpty() ? "" : r.errorKinds());
    }

    /** {@code clients} threads each sending one chat completion after the other for {@link #RUN}. */
    private Result load(String base, String key, int clients) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(""))).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        Map<String, Long> kinds = new java.util.concurrent.ConcurrentHashMap<>();
        long start = System.nanoTime();
        long end = start + RUN.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    try {
                        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status == 200) {
                            latencies.add(System.nanoTime() - t);
                        } else {
                            errors.incrementAndGet();
                            kinds.merge("HTTP " + status, 1L, Long::sum);
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        kinds.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            f.get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Result(sorted.size(), errors.get(), seconds, sorted, new java.util.TreeMap<>(kinds));
    }

    /** The median time until the first byte of a streamed answer's body, one stream after the other. */
    private double ttfb(String base, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(",\"stream\":true"))).build();
        List<Long> firsts = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            long t = System.nanoTime();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (body.read() >= 0) {
                    firsts.add(System.nanoTime() - t);
                }
                body.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
        Collections.sort(firsts);
        return firsts.isEmpty() ? Double.NaN : firsts.get(firsts.size() / 2) / 1e6;
    }
}
