package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never escapes (tenancy.md): at least 200 generated specs (the samples and small valid specs of each mode,
 * mutated by {@link SpecGenerator}) each end, within 10 s of apply, refused by the REAL API server's schema or as
 * Failed with Ready=False InvalidSpec, and the operator log written meanwhile shows no exception that escaped a
 * reconcile or a cleanup. The seed is printed; {@code -Dmodeldeploy.generated.seed=<n>} replays a run, and
 * {@code =random} draws a new one.
 */
class GeneratedSpecsIT {
    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("generated");

    /** No credential or key of the run in the operator log, an Event or a status; nothing next door changed. */
    @RegisterExtension
    static final TenantWatch watch = new TenantWatch(ns);

    private static final long DEFAULT_SEED = 20261130L;
    private static final int SPECS = 220;
    private static final int BATCH = 20;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    /** What an exception that escaped a reconcile or a cleanup leaves in the log. */
    private static final Pattern ESCAPED = Pattern.compile(
            "failed \\(will retry\\)|(?i:error during event processing)|(?i:uncaught)|^\\s+at [a-zA-Z_$][\\w$]*\\.");

    private record Applied(SpecGenerator.Generated spec, Instant at) {
    }

    @Test
    void everyGeneratedSpecIsRefusedAtApplyOrReportedInvalidAndNothingEscapes() throws IOException {
        long seed = seed();
        System.out.println("GeneratedSpecsIT seed: " + seed + " (replay with -Dmodeldeploy.generated.seed=" + seed + ")");
        Path log = ns.cluster().root().resolve("e2e-tests/target/operator-it.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        SpecGenerator generator = new SpecGenerator(seed, bases(ns.cluster().root().resolve("samples")));

        List<String> failures = new ArrayList<>();
        int refusedAtApply = 0;
        int invalidSpec = 0;
        for (int first = 0; first < SPECS; first += BATCH) {
            Map<String, Applied> accepted = new LinkedHashMap<>();
            for (int i = first; i < Math.min(SPECS, first + BATCH); i++) {
                SpecGenerator.Generated spec = generator.next(i);
                GenericKubernetesResource resource = Serialization.unmarshal(Serialization.asJson(spec.manifest()),
                        GenericKubernetesResource.class);
                try {
                    ns.mds().resource(resource).create();
                    accepted.put(spec.name(), new Applied(spec, Instant.now()));
                } catch (KubernetesClientException e) {
                    // 422: the schema refused it; 400: the API server could not even read it (a number out of range).
                    if (e.getCode() == 422 || e.getCode() == 400) {
                        refusedAtApply++;
                    } else {
                        failures.add(describe(spec, seed) + ": apply failed with " + e.getCode() + " " + e.getMessage());
                    }
                }
            }
            invalidSpec += awaitInvalidSpec(accepted, seed, failures);
        }
        System.out.printf("GeneratedSpecsIT: %d specs, %d refused at apply, %d InvalidSpec%n", SPECS, refusedAtApply, invalidSpec);

        deleteAll();

        assertThat(failures).as("seed " + seed).isEmpty();
        assertThat(refusedAtApply + invalidSpec).isGreaterThanOrEqualTo(200);
        assertThat(escapedExceptions(log, logStart)).as("operator log lines of escaped exceptions (seed " + seed + ")").isEmpty();
    }

    /**
     * Cleanups run too: none may throw either. A managed deployment's cleanup waits for its vendor (unreachable
     * here, and without credentials) unless its documented annotation lets it go; it is read at deletion, so it is
     * set first.
     */
    private static void deleteAll() {
        for (GenericKubernetesResource md : ns.mds().list().getItems()) {
            ns.mds().withName(md.getMetadata().getName()).edit(m -> {
                Map<String, String> annotations = new LinkedHashMap<>(
                        m.getMetadata().getAnnotations() == null ? Map.of() : m.getMetadata().getAnnotations());
                annotations.put("modeldeploy.io/skip-vendor-cleanup", "true");
                m.getMetadata().setAnnotations(annotations);
                return m;
            });
        }
        ns.mds().delete();
        Await.until("every generated deployment deleted", Duration.ofSeconds(60), () -> ns.mds().list().getItems().isEmpty());
    }

    private static long seed() {
        String value = System.getProperty("modeldeploy.generated.seed", "");
        if (value.isBlank()) {
            return DEFAULT_SEED;
        }
        return value.equals("random") ? System.nanoTime() : Long.parseLong(value);
    }

    /** Waits for each accepted spec's answer; returns how many answered InvalidSpec in time, adds the others to failures. */
    private static int awaitInvalidSpec(Map<String, Applied> accepted, long seed, List<String> failures) {
        Map<String, Applied> waiting = new LinkedHashMap<>(accepted);
        Map<String, Object> lastStatus = new LinkedHashMap<>();
        int answered = 0;
        Instant giveUp = accepted.values().stream().map(a -> a.at().plus(ANSWER_WITHIN)).max(Instant::compareTo).orElse(Instant.now());
        while (!waiting.isEmpty() && Instant.now().isBefore(giveUp.plusMillis(500))) {
            for (GenericKubernetesResource md : ns.mds().list().getItems()) {
                Applied applied = waiting.get(md.getMetadata().getName());
                if (applied == null) {
                    continue;
                }
                ModelDeploymentView view = new ModelDeploymentView(md);
                lastStatus.put(md.getMetadata().getName(), view.status());
                if ("Failed".equals(view.phase()) && view.conditionIs("Ready", "False", "InvalidSpec")) {
                    waiting.remove(md.getMetadata().getName());
                    if (Duration.between(applied.at(), Instant.now()).compareTo(ANSWER_WITHIN.plusMillis(500)) > 0) {
                        failures.add(describe(applied.spec(), seed) + ": InvalidSpec only after "
                                + Duration.between(applied.at(), Instant.now()));
                    } else {
                        answered++;
                    }
                }
            }
            sleep(250);
        }
        waiting.forEach((name, applied) -> failures.add(describe(applied.spec(), seed)
                + ": no Failed/InvalidSpec within " + ANSWER_WITHIN + "; status " + lastStatus.get(name)));
        return answered;
    }

    private static String describe(SpecGenerator.Generated spec, long seed) {
        return spec.name() + " (seed " + seed + ", base " + spec.base() + ", mutations " + spec.mutations() + ")";
    }

    /** Every document of every sample, and a small valid spec of each mode. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> bases(Path samples) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (var files = Files.list(samples)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (doc.contains("kind:")) {
                        out.add(Serialization.unmarshal(doc, Map.class));
                    }
                }
            }
        }
        out.add(Serialization.unmarshal("""
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: small-quickstart}
                spec:
                  model: {id: Qwen/Qwen2.5-0.5B-Instruct}
                  quickStart: {backend: vllm, backendVersion: "0.8.4", resources: {cpu: "2", memory: 8Gi}}
                  exposure: {ingress: {host: chat.example.com}}
                """, Map.class));
        out.add(Serialization.unmarshal("""
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata: {name: small-expert}
                spec:
                  model: {id: Qwen/Qwen2.5-0.5B-Instruct}
                  expert:
                    template:
                      spec:
                        containers: [{name: server, image: "vllm/vllm-openai:v0.8.4", ports: [{containerPort: 8000}]}]
                """, Map.class));
        return out;
    }

    /** The lines of the log written since {@code from} that show an exception escaping. */
    private static List<String> escapedExceptions(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        byte[] written;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            written = new byte[(int) Math.max(0, file.length() - from)];
            file.seek(from);
            file.readFully(written);
        }
        return new String(written, StandardCharsets.UTF_8).lines().filter(l -> ESCAPED.matcher(l).find()).limit(40).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
