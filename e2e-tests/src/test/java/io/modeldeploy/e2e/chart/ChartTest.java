package io.modeldeploy.e2e.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** helm lint and helm template of the chart, for both shapes of RBAC; no cluster needed. */
class ChartTest {
    /**
     * What the operator does with the API, verb by verb (group/resource: verbs). A change here must come
     * with a change in the operator's calls, and the reverse (RbacSufficiencyIT checks it against a server).
     */
    static final Map<String, String> OPERATOR_RULES = Map.ofEntries(
            Map.entry("modeldeploy.io/modeldeployments", "get,list,watch,patch"),
            Map.entry("modeldeploy.io/modeldeployments/status", "patch"),
            Map.entry("modeldeploy.io/modeldeployments/finalizers", "update"),
            Map.entry("apps/deployments", "get,list,watch,create,patch,delete"),
            Map.entry("/services", "get,list,watch,create,patch,delete"),
            Map.entry("/configmaps", "get,list,watch,create,patch"),
            Map.entry("networking.k8s.io/ingresses", "get,list,watch,create,patch,delete"),
            Map.entry("networking.k8s.io/networkpolicies", "get,list,watch,create,patch,delete"),
            Map.entry("/secrets", "get,list,watch,create,patch"),
            Map.entry("/pods", "list,watch,create,delete"),
            Map.entry("/events", "get,create,patch"));

    @Test
    void lintsCleanWithDefaultValues() {
        LintResult lint = new Helm(Chart.dir()).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void allNamespacesGetOneClusterRoleWithExactlyTheOperatorsRules() {
        List<ObjectNode> objects = Chart.render("modeldeploy-system", Optional.empty());

        assertThat(kinds(objects)).containsExactlyInAnyOrder("ServiceAccount", "ClusterRole", "ClusterRoleBinding",
                "ClusterRole", "ClusterRoleBinding", "Deployment", "Service",
                // the gateway's (Services: clients, metrics, the management port of every replica)
                "ServiceAccount", "Deployment", "Service", "Service", "Service", "Role", "RoleBinding", "ClusterRole",
                "ClusterRoleBinding",
                // the operator's key publication in the gateway's namespace
                "Role", "RoleBinding");
        assertThat(rules(named(objects, "ClusterRole", "modeldeploy-modeldeploy-operator"))).isEqualTo(OPERATOR_RULES);
        assertCrdCheckOnly(named(objects, "ClusterRole", "modeldeploy-modeldeploy-operator-crd-check"));
        assertNoWildcards(objects);
        JsonNode subject = named(objects, "ClusterRoleBinding", OPERATOR).path("subjects").get(0);
        assertThat(subject.path("name").asText()).isEqualTo(serviceAccount(objects));
        assertThat(subject.path("namespace").asText()).isEqualTo("modeldeploy-system");

        Map<String, String> env = env(objects);
        assertThat(env).doesNotContainKeys("QUARKUS_OPERATOR_SDK_NAMESPACES", "MODELDEPLOY_LEADER_ELECTION_ENABLED",
                // empty values leave the operator's defaults
                "MODELDEPLOY_IMAGES_MIRROR", "MODELDEPLOY_GPU_CATALOG", "MODELDEPLOY_LORA_SYNC_IMAGE",
                "MODELDEPLOY_VENDORS_ZSTACK_ENDPOINT", "MODELDEPLOY_VENDORS_ALAYANEW_ALLOWED_ENDPOINTS",
                "MODELDEPLOY_VENDORS_ZSTACK_ALLOWED_ENDPOINTS", "QUARKUS_LOG_CONSOLE_FORMAT");
        assertThat(env).containsEntry("MODELDEPLOY_IMAGES_REPOSITORY_VLLM", "docker.io/vllm/vllm-openai")
                .containsEntry("MODELDEPLOY_IMAGES_REPOSITORY_SGLANG", "docker.io/lmsysorg/sglang")
                .containsEntry("MODELDEPLOY_IMAGES_PULL_POLICY", "IfNotPresent")
                .containsEntry("MODELDEPLOY_GPU_RESOURCE_NAME", "nvidia.com/gpu")
                .containsEntry("MODELDEPLOY_DEFAULTS_MEMORY", "16Gi")
                .containsEntry("MODELDEPLOY_DEFAULTS_STARTUP_TIMEOUT", "2h")
                .containsEntry("MODELDEPLOY_LORA_MAX_LORAS", "4")
                .containsEntry("MODELDEPLOY_LORA_SYNC_PORT", "8001")
                .containsEntry("MODELDEPLOY_POLICY_MAX_REPLICAS", "100")
                .containsEntry("MODELDEPLOY_POLICY_MAX_WORKERS", "16")
                .containsEntry("MODELDEPLOY_POLICY_MAX_GPUS", "16")
                // the chart gateway's headless management Service: one replica per address
                .containsEntry("MODELDEPLOY_AUTOSCALING_GATEWAY_URLS",
                        "http://modeldeploy-gateway-management.modeldeploy-system.svc:9090")
                .containsEntry("QUARKUS_MANAGEMENT_PORT", "9090");
    }

    @Test
    void operatorPodIsNonRootWithProbesOnTheManagementPort() {
        List<ObjectNode> objects = Chart.render("modeldeploy-system", Optional.empty());
        JsonNode pod = named(objects, "Deployment", OPERATOR).path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);

        assertThat(container.path("image").asText()).isEqualTo("modeldeploy/modeldeploy-operator:0.1.0-SNAPSHOT");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText()).isEqualTo("RuntimeDefault");
        JsonNode security = container.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(9090);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("port").asText()).isEqualTo("management");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("768Mi");
        // The heap follows the container's limit, whatever the image's defaults.
        assertThat(env(objects).get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1");
        assertThat(env(objects)).containsEntry("MALLOC_ARENA_MAX", "2");

        JsonNode metrics = named(objects, "Service", OPERATOR + "-metrics");
        assertThat(metrics.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(9090);
    }

    @Test
    void namespaceListGetsARolePerNamespaceAndNoClusterWideAccess() {
        List<ObjectNode> objects = Chart.render("ops", Optional.of(Chart.namespacesValues()));

        // Cluster-wide: reading the one CRD, nothing else.
        assertThat(Chart.ofKind(objects, "ClusterRole")).singleElement().satisfies(ChartTest::assertCrdCheckOnly);
        assertThat(Chart.ofKind(objects, "ClusterRoleBinding")).singleElement().satisfies(b ->
                assertThat(b.path("roleRef").path("name").asText()).endsWith("-crd-check"));
        List<ObjectNode> operatorRoles = Chart.ofKind(objects, "Role").stream()
                .filter(r -> r.path("metadata").path("name").asText().equals(OPERATOR)).toList();
        assertThat(operatorRoles).extracting(r -> r.path("metadata").path("namespace").asText())
                .containsExactlyInAnyOrder("team-a", "team-b");
        operatorRoles.forEach(r -> assertThat(rules(r)).isEqualTo(OPERATOR_RULES));
        // (the gateway's bindings, and the operator's for publishing keys, in the next test)
        assertThat(Chart.ofKind(objects, "RoleBinding")).filteredOn(b -> !b.path("roleRef").path("name").asText()
                        .startsWith(GATEWAY) && !b.path("roleRef").path("name").asText().endsWith("-publish-keys")).extracting(b -> b.path("metadata").path("namespace").asText())
                .containsExactlyInAnyOrder("team-a", "team-b", "ops");
        assertNoWildcards(objects);

        // Two replicas: leader election on a Lease in the release namespace, and only there.
        ObjectNode lease = Chart.ofKind(objects, "Role").stream()
                .filter(r -> r.path("metadata").path("name").asText().endsWith("-leader-election")).findFirst().orElseThrow();
        assertThat(lease.path("metadata").path("namespace").asText()).isEqualTo("ops");
        assertThat(rules(lease)).isEqualTo(Map.of("coordination.k8s.io/leases", "create,get,update,patch"));
        assertThat(lease.path("rules").get(1).path("resourceNames").toString()).isEqualTo("[\"modeldeploy-operator-lease\"]");

        Map<String, String> env = env(objects);
        assertThat(env).containsEntry("QUARKUS_OPERATOR_SDK_NAMESPACES", "team-a,team-b")
                .containsEntry("MODELDEPLOY_LEADER_ELECTION_ENABLED", "true")
                .containsEntry("MODELDEPLOY_IMAGES_MIRROR", "registry.example.cn/mirror")
                .containsEntry("MODELDEPLOY_VENDORS_ZSTACK_ENDPOINT", "http://zstack.example.internal:8080")
                .containsEntry("MODELDEPLOY_VENDORS_ZSTACK_ALLOWED_ENDPOINTS",
                        "https://zstack-dr.example.internal,http://zstack.example.internal:8080")
                .containsEntry("MODELDEPLOY_GPU_CATALOG",
                        "{\"H100\":{\"nodeSelector\":{\"nvidia.com/gpu.product\":\"NVIDIA-H100-80GB-HBM3\"}}}")
                .containsEntry("QUARKUS_LOG_CONSOLE_FORMAT", "%d %-5p [%c] %s%e%n");
        assertThat(Chart.ofKind(objects, "ServiceMonitor")).hasSize(1);
    }

    @Test
    void podsCreateAndDeleteAreGrantedOnlyWithMultiNodeInstances() throws IOException {
        Path values = Files.createTempFile("single-node", ".yaml");
        Files.writeString(values, "multiNode: {enabled: false}\n");
        List<ObjectNode> objects = Chart.render("modeldeploy-system", Optional.of(values));

        Map<String, String> expected = new java.util.TreeMap<>(OPERATOR_RULES);
        expected.put("/pods", "list,watch");
        assertThat(rules(named(objects, "ClusterRole", "modeldeploy-modeldeploy-operator"))).isEqualTo(expected);
        assertThat(env(objects)).containsEntry("MODELDEPLOY_MULTI_NODE_ENABLED", "false");
        assertThat(env(Chart.render("modeldeploy-system", Optional.empty())))
                .containsEntry("MODELDEPLOY_MULTI_NODE_ENABLED", "true");
    }

    @Test
    void networkPoliciesAndPodSecurityAreConfiguredFromValues() throws IOException {
        Map<String, String> defaults = env(Chart.render("modeldeploy-system", Optional.empty()));
        assertThat(defaults).containsEntry("MODELDEPLOY_NETWORK_POLICY_ENABLED", "true")
                .containsEntry("MODELDEPLOY_NETWORK_POLICY_OPERATOR_NAMESPACE", "modeldeploy-system")
                .containsEntry("MODELDEPLOY_NETWORK_POLICY_OPERATOR_POD_SELECTOR",
                        "app.kubernetes.io/name=modeldeploy-operator,app.kubernetes.io/instance=modeldeploy")
                .containsEntry("MODELDEPLOY_POD_SECURITY_PROFILE", "baseline")
                .doesNotContainKeys("MODELDEPLOY_NETWORK_POLICY_GATEWAY_NAMESPACE", "MODELDEPLOY_NETWORK_POLICY_GATEWAY_POD_SELECTOR");

        Path values = Files.createTempFile("tenancy", ".yaml");
        Files.writeString(values, """
                config:
                  networkPolicy: {enabled: false, gatewayNamespace: gateway, gatewayPodSelector: app=gateway}
                  podSecurity: {profile: restricted}
                """);
        assertThat(env(Chart.render("modeldeploy-system", Optional.of(values))))
                .containsEntry("MODELDEPLOY_NETWORK_POLICY_ENABLED", "false")
                .containsEntry("MODELDEPLOY_NETWORK_POLICY_GATEWAY_NAMESPACE", "gateway")
                .containsEntry("MODELDEPLOY_NETWORK_POLICY_GATEWAY_POD_SELECTOR", "app=gateway")
                .containsEntry("MODELDEPLOY_POD_SECURITY_PROFILE", "restricted");
    }

    @Test
    void theGatewayRunsTwoReplicasWithItsOwnLeastPrivilegeAccount() {
        List<ObjectNode> objects = Chart.render("modeldeploy-system", Optional.empty());

        ObjectNode deployment = named(objects, "Deployment", GATEWAY);
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo(GATEWAY);
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("image").asText()).isEqualTo("modeldeploy/modeldeploy-gateway:0.1.0-SNAPSHOT");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asText()).isEqualTo("management");
        Map<String, String> env = new java.util.LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("value") ? e.path("value").asText() : e.path("valueFrom").path("fieldRef").path("fieldPath").asText()));
        assertThat(env).containsEntry("MODELDEPLOY_GATEWAY_NAMESPACE", "metadata.namespace")
                .containsEntry("MODELDEPLOY_GATEWAY_REPLICAS", "2").doesNotContainKey("MODELDEPLOY_GATEWAY_WATCH_NAMESPACES");
        assertThat(named(objects, "Service", GATEWAY).path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(8080);
        assertThat(named(objects, "Service", GATEWAY + "-metrics").path("spec").path("ports").get(0).path("targetPort")
                .asText()).isEqualTo("management");
        assertThat(Chart.ofKind(objects, "Ingress")).isEmpty();
        assertThat(env).containsEntry("MODELDEPLOY_GATEWAY_PEER_SELECTOR",
                        "app.kubernetes.io/name=modeldeploy-operator-gateway,app.kubernetes.io/instance=modeldeploy")
                .containsEntry("MODELDEPLOY_GATEWAY_HOLD_MAX_PER_DEPLOYMENT", "256")
                .containsEntry("MODELDEPLOY_GATEWAY_HOLD_TIMEOUT", "5m")
                .containsEntry("MODELDEPLOY_GATEWAY_UPSTREAM_TIMEOUT", "5m");
        // The operator's autoscaler resolves this name to every replica's load report.
        ObjectNode management = named(objects, "Service", "modeldeploy-gateway-management");
        assertThat(management.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(management.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("management");
        assertThat(management.path("spec").path("selector")).isEqualTo(deployment.path("spec").path("selector")
                .path("matchLabels"));

        // Reads ModelDeployments and pods everywhere, Secrets only in its own namespace.
        assertThat(rules(named(objects, "ClusterRole", GATEWAY)))
                .isEqualTo(Map.of("modeldeploy.io/modeldeployments", "get,list,watch", "/pods", "list,watch"));
        ObjectNode keys = named(objects, "Role", GATEWAY + "-keys");
        assertThat(keys.path("metadata").path("namespace").asText()).isEqualTo("modeldeploy-system");
        assertThat(rules(keys)).isEqualTo(Map.of("/secrets", "get,list,watch"));
        assertThat(named(objects, "RoleBinding", GATEWAY + "-keys").path("subjects").get(0).path("name").asText())
                .isEqualTo(GATEWAY);
        assertThat(env(objects)).as("the operator publishes the keys here")
                .containsEntry("MODELDEPLOY_GATEWAY_NAMESPACE", "modeldeploy-system");
        assertNoWildcards(objects);
    }

    @Test
    void withANamespaceListTheGatewayReadsOnlyThoseAndTheOperatorMayPublishKeysInTheGatewaysNamespace() throws IOException {
        Path values = Files.createTempFile("gateway", ".yaml");
        Files.writeString(values, "gateway: {ingress: {enabled: true, host: llm.example.com, tlsSecretName: llm-tls}}\n");
        List<ObjectNode> objects = Chart.render("ops", List.of(Chart.namespacesValues(), values));

        assertThat(Chart.ofKind(objects, "Role")).filteredOn(r -> r.path("metadata").path("name").asText().equals(GATEWAY))
                .extracting(r -> r.path("metadata").path("namespace").asText()).containsExactlyInAnyOrder("team-a", "team-b");
        assertThat(Chart.ofKind(objects, "ClusterRole")).noneMatch(r -> r.path("metadata").path("name").asText().equals(GATEWAY));
        ObjectNode publish = named(objects, "Role", OPERATOR + "-publish-keys");
        assertThat(publish.path("metadata").path("namespace").asText()).isEqualTo("ops");
        assertThat(rules(publish)).isEqualTo(Map.of("/secrets", "get,list,watch,create,patch,delete"));
        ObjectNode peers = named(objects, "Role", GATEWAY + "-peers");
        assertThat(peers.path("metadata").path("namespace").asText()).as("its own pods, to count its replicas").isEqualTo("ops");
        assertThat(rules(peers)).isEqualTo(Map.of("/pods", "list,watch"));
        JsonNode container = named(objects, "Deployment", GATEWAY).path("spec").path("template").path("spec")
                .path("containers").get(0);
        assertThat(container.toString()).contains("MODELDEPLOY_GATEWAY_WATCH_NAMESPACES").contains("team-a,team-b");
        ObjectNode ingress = named(objects, "Ingress", GATEWAY);
        assertThat(ingress.path("spec").path("rules").get(0).path("host").asText()).isEqualTo("llm.example.com");
        assertThat(ingress.path("spec").path("tls").get(0).path("secretName").asText()).isEqualTo("llm-tls");
        assertNoWildcards(objects);
    }

    /** Cluster-wide, the operator's ClusterRole never deletes Secrets: removing published copies is a Role's, there. */
    @Test
    void clusterWideTheOperatorDeletesSecretsOnlyInTheGatewaysNamespace() throws IOException {
        List<ObjectNode> objects = Chart.render("ops", java.util.Optional.empty());

        ObjectNode publish = named(objects, "Role", OPERATOR + "-publish-keys");
        assertThat(publish.path("metadata").path("namespace").asText()).isEqualTo("ops");
        assertThat(rules(publish)).containsEntry("/secrets", "get,list,watch,create,patch,delete");
        assertThat(Chart.ofKind(objects, "ClusterRole")).allSatisfy(r -> assertThat(rules(r).getOrDefault("/secrets", ""))
                .doesNotContain("delete"));
    }

    @Test
    void perResourceMetricsAreOffUnlessTheValueTurnsThemOn() throws IOException {
        assertThat(env(Chart.render("modeldeploy-system", Optional.empty())))
                .containsEntry("MODELDEPLOY_METRICS_PER_RESOURCE", "false");

        Path values = Files.createTempFile("metrics", ".yaml");
        Files.writeString(values, "metrics: {perResource: true}\n");
        assertThat(env(Chart.render("modeldeploy-system", Optional.of(values))))
                .containsEntry("MODELDEPLOY_METRICS_PER_RESOURCE", "true");
    }

    @Test
    void chartCrdsAreTheGeneratedCrds() throws IOException {
        Path generated = Chart.root().resolve("crds");
        Path chart = Chart.dir().resolve("crds");
        try (var g = Files.list(generated); var c = Files.list(chart)) {
            assertThat(c.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(g.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (var g = Files.list(generated)) {
            for (Path file : g.toList()) {
                assertThat(Files.readString(chart.resolve(file.getFileName()))).as(file.getFileName().toString())
                        .isEqualTo(Files.readString(file));
            }
        }
    }

    private static final String OPERATOR = "modeldeploy-modeldeploy-operator";
    private static final String GATEWAY = OPERATOR + "-gateway";

    private static void assertCrdCheckOnly(JsonNode role) {
        assertThat(rules(role)).isEqualTo(Map.of("apiextensions.k8s.io/customresourcedefinitions", "get"));
        assertThat(role.path("rules").get(0).path("resourceNames").toString())
                .isEqualTo("[\"modeldeployments.modeldeploy.io\"]");
    }

    private static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
        return Chart.ofKind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static List<String> kinds(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.path("kind").asText()).toList();
    }

    /** Rules as "group/resource" -> sorted-insensitive verb list, one entry per resource. */
    static Map<String, String> rules(JsonNode role) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (JsonNode rule : role.path("rules")) {
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    String key = group.asText() + "/" + resource.asText();
                    String verbs = StreamSupport.stream(rule.path("verbs").spliterator(), false)
                            .map(JsonNode::asText).collect(Collectors.joining(","));
                    out.merge(key, verbs, (a, b) -> a + "," + b);
                }
            }
        }
        return out;
    }

    private static void assertNoWildcards(List<ObjectNode> objects) {
        objects.stream().filter(o -> o.path("kind").asText().matches("(Cluster)?Role(Binding)?"))
                .forEach(o -> assertThat(o.toString()).as(o.path("kind") + " " + o.path("metadata").path("name"))
                        .doesNotContain("*"));
    }

    private static String serviceAccount(List<ObjectNode> objects) {
        return named(objects, "ServiceAccount", OPERATOR).path("metadata").path("name").asText();
    }

    private static Map<String, String> env(List<ObjectNode> objects) {
        JsonNode container = named(objects, "Deployment", OPERATOR)
                .path("spec").path("template").path("spec").path("containers").get(0);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            out.put(e.path("name").asText(), e.has("value") ? e.path("value").asText() : "<valueFrom>");
        }
        return out;
    }
}
