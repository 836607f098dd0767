package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * ModelDeployment specs a user could write by mistake or on purpose: a valid base (a sample, or a small spec of each
 * mode) with one to three mutations. Every mutation makes the spec invalid by itself, judged on the spec as it is
 * when the mutation is applied, so the last one leaves the spec invalid whatever came before: each generated spec
 * must be refused at apply by the schema or reported as InvalidSpec by the operator. Reproducible from its seed.
 */
final class SpecGenerator {

    /** One generated manifest (apiVersion, kind, metadata, spec as plain maps) and what was done to its base. */
    record Generated(String name, Map<String, Object> manifest, String base, List<String> mutations) {
    }

    /** @param reachesOperator the schema lets it through: only the operator's resolver can refuse it */
    private record Mutation(String name, Predicate<Map<String, Object>> appliesTo,
                            BiConsumer<Random, Map<String, Object>> apply, boolean reachesOperator) {
    }

    private final Random random;
    private final List<Map<String, Object>> bases;
    private final List<Mutation> mutations = new ArrayList<>();

    SpecGenerator(long seed, List<Map<String, Object>> bases) {
        this.random = new Random(seed);
        this.bases = bases;
        define();
    }

    Generated next(int index) {
        Map<String, Object> base = bases.get(random.nextInt(bases.size()));
        Map<String, Object> manifest = deepCopy(base);
        String baseName = (String) metadata(manifest).get("name");
        String name = "gen-" + index;
        metadata(manifest).put("name", name);
        List<String> applied = new ArrayList<>();
        // Half the specs get one mutation only the operator can refuse, so that its resolver sees many; the others
        // one to three of any kind (with several, the schema refuses nearly all).
        boolean forTheOperator = random.nextBoolean();
        int count = forTheOperator ? 1 : 1 + random.nextInt(3);
        List<Mutation> pool = forTheOperator ? mutations.stream().filter(Mutation::reachesOperator).toList() : mutations;
        while (applied.size() < count) {
            Mutation mutation = pool.get(random.nextInt(pool.size()));
            if (mutation.appliesTo().test(manifest)) {
                mutation.apply().accept(random, manifest);
                applied.add(mutation.name());
            }
        }
        return new Generated((String) metadata(manifest).get("name"), manifest, baseName, applied);
    }

    // ------------------------------------------------------------------ the mutations

    private void define() {
        Predicate<Map<String, Object>> any = m -> true;
        Predicate<Map<String, Object>> quickStart = m -> spec(m).get("quickStart") instanceof Map;
        Predicate<Map<String, Object>> resources = m -> quickStart.test(m) && section(m, "quickStart").get("resources") instanceof Map;
        Predicate<Map<String, Object>> expert = m -> spec(m).get("expert") instanceof Map && section(m, "expert").get("template") instanceof Map;
        Predicate<Map<String, Object>> lora = m -> spec(m).get("lora") instanceof Map;
        Predicate<Map<String, Object>> inCluster = m -> !(spec(m).get("target") instanceof Map<?, ?> t) || t.get("provider") == null
                || "InCluster".equals(t.get("provider"));

        add("replicas-not-a-number", any, (r, m) -> spec(m).put("replicas", pick(r, "many", "1.5", "", "true")));
        add("replicas-huge", any, (r, m) -> spec(m).put("replicas", pick(r, 1001, 100_000, 2_147_483_648L, 1_000_000_000_000_000L)));
        add("replicas-negative", any, (r, m) -> spec(m).put("replicas", -1 - r.nextInt(1000)));
        operator("replicas-over-the-installation-limit", any, (r, m) -> spec(m).put("replicas", 101 + r.nextInt(900)));
        add("model-missing", any, (r, m) -> spec(m).remove("model"));
        add("model-id-empty-or-long", any, (r, m) -> model(m).put("id", pick(r, "", "q".repeat(257), "模型".repeat(200))));
        add("model-uri-bad", any, (r, m) -> model(m).put("uri", pick(r, "ftp://weights.example/m", "hf://", "HF://Qwen/x",
                "s3://bucket/model", "pvc://", "hf://a b", "://x", "weights", "hf://" + "x".repeat(1100))));
        operator("model-uri-not-absolute-or-no-claim", any, (r, m) -> model(m).put("uri",
                pick(r, "file://relative/path", "file://opt/weights", "pvc:///path")));
        add("served-names-not-a-list", any, (r, m) -> model(m).put("servedNames", pick(r, "qwen", 7, Map.of("a", "b"))));
        add("served-name-too-long", any, (r, m) -> model(m).put("servedNames", List.of("n".repeat(257 + r.nextInt(100)))));
        add("name-bad", any, (r, m) -> metadata(m).put("name", pick(r, "Gen-Upper-" + r.nextInt(1000),
                "gen.dot." + r.nextInt(1000), "g" + "x".repeat(63), "9gen-" + r.nextInt(1000), "gen-ü-" + r.nextInt(1000))));
        Predicate<Map<String, Object>> someMode = m -> spec(m).containsKey("quickStart") || spec(m).containsKey("expert")
                || spec(m).containsKey("lora");
        add("two-mode-blocks", someMode, (r, m) -> {
            if (spec(m).containsKey("lora")) {
                spec(m).put("expert", Map.of("template", Map.of("spec", Map.of("containers", List.of(
                        Map.of("name", "server", "image", "vllm/vllm-openai:v0.8.4", "ports", List.of(Map.of("containerPort", 8000))))))));
            } else {
                spec(m).put("lora", Map.of("baseRef", Map.of("name", "some-base")));
            }
        });
        add("no-mode-block", any, (r, m) -> {
            spec(m).remove("quickStart");
            spec(m).remove("expert");
            spec(m).remove("lora");
        });
        add("provider-unknown", any, (r, m) -> target(m).put("provider", pick(r, "Nope", "incluster", "", "AWS")));
        add("endpoint-bad", any, (r, m) -> spec(m).put("target", new LinkedHashMap<>(Map.of("provider", "DRun",
                "endpoint", pick(r, "api.d.run", "http://[x", "https://api.d.run/v1?", "https://api.d.run/#frag", "ftp://api.d.run",
                        "https://user:pw@api.d.run", "http://api.d.run/a b", "javascript:alert(1)", "https://" + "h".repeat(1100) + ".io"),
                "credentialsSecretRef", Map.of("name", "creds"), "dRun", Map.of("region", "r-1", "skuId", "s-1")))));
        add("credentials-name-bad", any, (r, m) -> spec(m).put("target", new LinkedHashMap<>(Map.of("provider", "ZStack",
                "endpoint", "http://zstack.example.internal:8080",
                "credentialsSecretRef", Map.of("name", pick(r, "Bad_Name", "", "../x", "n".repeat(254)))))));
        add("deletion-policy-bad", any, (r, m) -> target(m).put("deletionPolicy", pick(r, "Maybe", "delete", "")));
        add("api-key-ref-bad", any, (r, m) -> spec(m).put("apiKey", Map.of("secretRef",
                r.nextBoolean() ? Map.of("name", "key-secret", "key", pick(r, "a b", "", "k/v", "ключ"))
                        : Map.of("name", pick(r, "", "Key_Secret", "../up")))));
        add("adapters-duplicate", any, (r, m) -> spec(m).put("adapters", List.of(Map.of("name", "dup", "uri", "hf://o/a"),
                Map.of("name", "dup", "uri", "hf://o/b"))));
        add("adapter-name-bad", any, (r, m) -> spec(m).put("adapters", List.of(Map.of("name",
                pick(r, "UPPER", "a_b", "", "a".repeat(64), "ünï", "-lead"), "uri", "hf://o/a"))));
        add("adapter-uri-bad", any, (r, m) -> spec(m).put("adapters", List.of(Map.of("name", "a",
                "uri", pick(r, "gopher://x", "hf://", "s3://", "", "u".repeat(1100))))));
        operator("adapter-uri-bad-claim-or-path", any, (r, m) -> spec(m).put("adapters", List.of(Map.of("name", "a",
                "uri", pick(r, "pvc://Bad_Claim/x", "file://rel", "pvc:///x")))));
        add("adapters-too-many", any, (r, m) -> {
            List<Map<String, Object>> many = new ArrayList<>();
            for (int i = 0; i < 129; i++) {
                many.add(Map.of("name", "a" + i, "uri", "hf://o/a" + i));
            }
            spec(m).put("adapters", many);
        });
        add("adapters-not-a-list", any, (r, m) -> spec(m).put("adapters", pick(r, "sql-lora", 3, Map.of("name", "a"))));
        add("ingress-host-bad", any, (r, m) -> spec(m).put("exposure", Map.of("ingress", Map.of("host",
                pick(r, "Not_A_Host", "a..b", "-x.example.com", "h".repeat(254), "chat example.com", "*.example.com", "")))));
        add("ingress-tls-bad", any, (r, m) -> spec(m).put("exposure", Map.of("ingress", Map.of("host", "chat.example.com",
                "tlsSecretName", pick(r, "TLS!", "Tls_Secret", "")))));
        add("ingress-host-missing", any, (r, m) -> spec(m).put("exposure", Map.of("ingress", Map.of("className", "nginx"))));

        add("backend-unknown", quickStart, (r, m) -> section(m, "quickStart").put("backend", pick(r, "tgi", "VLLM", "", "triton")));
        add("backend-version-bad", quickStart, (r, m) -> section(m, "quickStart").put("backendVersion",
                pick(r, "latest!", "", "v 1", "x".repeat(129), "0.8.4✓", "../0.8")));
        operator("backend-args-carry-the-key", quickStart, (r, m) -> section(m, "quickStart").put("backendArgs",
                pick(r, List.of("--api-key", "sk-mine"), List.of("--api-key=sk-mine"))));
        operator("backend-args-expansion", quickStart, (r, m) -> section(m, "quickStart").put("backendArgs",
                List.of("--served-model-name", pick(r, "$(HOME)", "$(VLLM_API_KEY)", "x$(y)"))));
        operator("backend-args-port", quickStart, (r, m) -> section(m, "quickStart").put("backendArgs",
                pick(r, List.of("--port", "0"), List.of("--port", "65536"), List.of("--port", "abc"), List.of("--port"),
                        List.of("--port", "8000", "8001"), List.of("--port=-1"))));
        add("backend-arg-too-long", quickStart, (r, m) -> section(m, "quickStart").put("backendArgs", List.of("--x=" + "y".repeat(4100))));
        add("backend-args-too-many", quickStart, (r, m) -> {
            List<String> args = new ArrayList<>();
            for (int i = 0; i < 129; i++) {
                args.add("--enforce-eager");
            }
            section(m, "quickStart").put("backendArgs", args);
        });
        add("backend-args-not-strings", quickStart, (r, m) -> section(m, "quickStart").put("backendArgs", List.of(1, 2)));
        add("resources-missing", quickStart, (r, m) -> section(m, "quickStart").remove("resources"));
        add("cpu-bad", resources, (r, m) -> resources(m).put("cpu", pick(r, "3e9", "8Ei", "-1", "lots", "1.5.5", "",
                "1e3", "١٢", "9999999999", 3.5e9)));
        add("memory-bad", resources, (r, m) -> resources(m).put("memory", pick(r, "8Ei", "-1Gi", "64GB", "1E", " 8Gi", "∞")));
        operator("quantity-zero", resources, (r, m) -> resources(m).put(pick(r, "cpu", "memory"), pick(r, "0", "0.0", "0m", "0Gi")));
        add("gpu-type-bad", resources, (r, m) -> resources(m).put("gpu", Map.of("type",
                pick(r, "H100 80GB", "-H100", "a/b", "H".repeat(64), "Ä100", ""), "count", 1)));
        add("gpu-count-bad", resources, (r, m) -> resources(m).put("gpu", Map.of("type", "H100",
                "count", pick(r, -1, 65, 1000, 2_147_483_648L, "two"))));
        operator("gpu-count-over-the-installation-limit", resources, (r, m) -> resources(m).put("gpu",
                Map.of("type", "H100", "count", 17 + r.nextInt(48))));
        add("workers-bad", resources, (r, m) -> resources(m).put("workers", pick(r, 0, -3, 65, 500, "2")));
        operator("workers-over-the-installation-limit", resources, (r, m) -> resources(m).put("workers", 17 + r.nextInt(48)));
        operator("sglang-with-two-served-names", quickStart, (r, m) -> {
            section(m, "quickStart").put("backend", "sglang");
            model(m).put("servedNames", List.of("one", "two"));
        });
        operator("multi-node-without-gpus", resources.and(inCluster), (r, m) -> {
            resources(m).put("workers", 2 + r.nextInt(3));
            resources(m).remove("gpu");
        });
        operator("multi-node-with-adapters", resources.and(inCluster), (r, m) -> {
            resources(m).put("workers", 2);
            resources(m).put("gpu", Map.of("type", "H100", "count", 1));
            spec(m).put("adapters", List.of());
        });

        add("expert-port-bad", expert, (r, m) -> section(m, "expert").put("port", pick(r, 0, 65536, -1, "http")));
        operator("expert-port-undeclared", expert, (r, m) -> section(m, "expert").put("port", 9000 + r.nextInt(999)));
        operator("expert-no-containers", expert, (r, m) -> podSpec(m).put("containers", List.of()));
        operator("expert-unnamed-container", expert, (r, m) -> {
            List<Object> containers = new ArrayList<>((List<?>) podSpec(m).get("containers"));
            containers.add(Map.of("image", "busybox:1.36"));
            podSpec(m).put("containers", containers);
        });
        operator("expert-asks-for-more-than-a-pod", expert, (r, m) -> {
            switch (r.nextInt(4)) {
                case 0 -> podSpec(m).put("hostNetwork", true);
                case 1 -> podSpec(m).put("serviceAccountName", "operator");
                case 2 -> podSpec(m).put("volumes", List.of(Map.of("name", "root", "hostPath", Map.of("path", "/"))));
                default -> podSpec(m).put("automountServiceAccountToken", true);
            }
        });
        add("expert-health-path-bad", expert, (r, m) -> section(m, "expert").put("healthPath", pick(r, "health", "/a b", "")));
        add("expert-template-missing", expert, (r, m) -> section(m, "expert").remove("template"));

        operator("lora-without-adapters", lora, (r, m) -> spec(m).remove("adapters"));
        add("lora-base-bad", lora, (r, m) -> section(m, "lora").put("baseRef", Map.of("name", pick(r, "", "Bad_Base", "../x"))));
    }

    /** A mutation the CRD schema refuses at apply. */
    private void add(String name, Predicate<Map<String, Object>> appliesTo, BiConsumer<Random, Map<String, Object>> apply) {
        mutations.add(new Mutation(name, appliesTo, apply, false));
    }

    /** A mutation the schema lets through: the operator's resolver must refuse it as InvalidSpec. */
    private void operator(String name, Predicate<Map<String, Object>> appliesTo,
                          BiConsumer<Random, Map<String, Object>> apply) {
        mutations.add(new Mutation(name, appliesTo, apply, true));
    }

    // ------------------------------------------------------------------ map plumbing

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> map) {
        return Serialization.unmarshal(Serialization.asJson(map), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map)) {
            value = new LinkedHashMap<String, Object>();
            parent.put(key, value);
        } else if (!(value instanceof LinkedHashMap)) {
            value = new LinkedHashMap<>((Map<String, Object>) value);
            parent.put(key, value);
        }
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> metadata(Map<String, Object> m) {
        return child(m, "metadata");
    }

    private static Map<String, Object> spec(Map<String, Object> m) {
        return child(m, "spec");
    }

    private static Map<String, Object> section(Map<String, Object> m, String key) {
        return child(spec(m), key);
    }

    private static Map<String, Object> model(Map<String, Object> m) {
        return section(m, "model");
    }

    private static Map<String, Object> target(Map<String, Object> m) {
        return section(m, "target");
    }

    private static Map<String, Object> resources(Map<String, Object> m) {
        return child(section(m, "quickStart"), "resources");
    }

    private static Map<String, Object> podSpec(Map<String, Object> m) {
        return child(child(section(m, "expert"), "template"), "spec");
    }
}
