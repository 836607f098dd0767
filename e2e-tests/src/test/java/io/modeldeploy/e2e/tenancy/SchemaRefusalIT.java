package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.modeldeploy.e2e.support.Kubectl;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The CRD schema on the REAL 1.20 API server (tenancy.md, "Bad input never escapes"): what it can say is refused at
 * apply, naming the field; what only the installation knows (its limits) is refused by the operator as InvalidSpec;
 * every sample still applies.
 */
class SchemaRefusalIT {
    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("schema");

    /** No credential or key of the run in the operator log, an Event or a status; nothing next door changed. */
    @RegisterExtension
    static final TenantWatch watch = new TenantWatch(ns);

    private static final String RESOURCES = "{cpu: \"2\", memory: 8Gi}";

    private static GenericKubernetesResource quickStart(String name, String resources, String moreSpec) {
        return Manifests.quickStart(name, "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4", resources, moreSpec);
    }

    @Test
    void everyDocumentOfEverySampleIsAcceptedByTheSchema() throws IOException {
        Path samples = ns.cluster().root().resolve("samples");
        List<Path> files;
        try (var list = Files.list(samples)) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        Kubectl kubectl = ns.harness().kubectl();
        for (Path file : files) {
            // A server-side dry run is validated against the schema like a real apply, and creates nothing.
            kubectl.ok("apply", "--dry-run=server", "-n", ns.name(), "-f", file.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "replicas      | spec.replicas                          | '" + RESOURCES + "' | replicas: 100000",
            "workers       | spec.quickStart.resources.workers      | '{workers: 500, gpu: {type: H100, count: 1}}' | ",
            "gpu-count     | spec.quickStart.resources.gpu.count    | '{gpu: {type: H100, count: 1000}}' | ",
            "gpu-space     | spec.quickStart.resources.gpu.type     | '{gpu: {type: H100 80GB, count: 1}}' | ",
            "gpu-long      | spec.quickStart.resources.gpu.type     | '{gpu: {type: HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH, count: 1}}' | ",
            "cpu-exponent  | spec.quickStart.resources.cpu          | '{cpu: \"3e9\"}' | ",
            "cpu-word      | spec.quickStart.resources.cpu          | '{cpu: lots}' | ",
            "memory-exa    | spec.quickStart.resources.memory       | '{memory: 8Ei}' | ",
            "memory-neg    | spec.quickStart.resources.memory       | '{memory: \"-1Gi\"}' | ",
            "endpoint-host | spec.target.endpoint | '" + RESOURCES + "' | 'target: {provider: DRun, endpoint: api.d.run, credentialsSecretRef: {name: c}}'",
            "endpoint-ipv6 | spec.target.endpoint | '" + RESOURCES + "' | 'target: {provider: DRun, endpoint: \"http://[x\", credentialsSecretRef: {name: c}}'",
            "endpoint-qry  | spec.target.endpoint | '" + RESOURCES + "' | 'target: {provider: DRun, endpoint: \"https://api.d.run/v1?\", credentialsSecretRef: {name: c}}'",
            "endpoint-user | spec.target.endpoint | '" + RESOURCES + "' | 'target: {provider: DRun, endpoint: \"https://me@169.254.169.254/\", credentialsSecretRef: {name: c}}'",
            "model-uri     | spec.model.uri       | '" + RESOURCES + "' | ",
            "adapter-uri   | spec.adapters.uri    | '" + RESOURCES + "' | 'adapters: [{name: a, uri: \"gopher://x\"}]'",
            "adapter-dupe  | spec.adapters[1]     | '" + RESOURCES + "' | 'adapters: [{name: a, uri: \"hf://o/a\"}, {name: a, uri: \"hf://o/b\"}]'",
            "host          | spec.exposure.ingress.host | '" + RESOURCES + "' | 'exposure: {ingress: {host: \"chat example com\"}}'",
            "tls           | spec.exposure.ingress.tlsSecretName | '" + RESOURCES + "' | 'exposure: {ingress: {host: chat.example.com, tlsSecretName: TLS_Secret}}'",
            "key-secret    | spec.apiKey.secretRef.name | '" + RESOURCES + "' | 'apiKey: {secretRef: {name: \"../x\"}}'",
            "two-modes     | oneOf                | '" + RESOURCES + "' | 'lora: {baseRef: {name: base}}'",
    })
    void whatTheSchemaCanSayIsRefusedAtApplyNamingTheField(String name, String field, String resources, String moreSpec) {
        GenericKubernetesResource md = quickStart("refused-" + name, resources, moreSpec == null ? "" : moreSpec);
        if (name.equals("model-uri")) {
            Manifests.section(md, "spec", "model").put("uri", "ftp://weights.example/qwen");
        }

        assertThatThrownBy(() -> ns.create(md)).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining(field);
        assertThat(ns.mds().withName("refused-" + name).get()).isNull();
    }

    @Test
    void noModeBlockIsRefusedAtApply() {
        GenericKubernetesResource md = Manifests.modelDeployment("no-mode", "model: {id: Qwen/Qwen2.5-0.5B-Instruct}");

        assertThatThrownBy(() -> ns.create(md)).isInstanceOf(KubernetesClientException.class).hasMessageContaining("oneOf");
    }

    @Test
    void aNameThatCannotNameTheServiceIsRefusedAtApply() {
        GenericKubernetesResource md = quickStart("x".repeat(64), RESOURCES, "");

        assertThatThrownBy(() -> ns.create(md)).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("metadata.name");
    }

    /** Below the schema's ceiling but above the installation's limit (default max-replicas 100). */
    @Test
    void aNumberAboveTheInstallationsLimitIsInvalidSpecNamingFieldAndLimit() {
        ns.create(quickStart("too-many", RESOURCES, "replicas: 150"));

        Await.until("Ready=False InvalidSpec", Duration.ofSeconds(30),
                () -> ns.md("too-many").conditionIs("Ready", "False", "InvalidSpec"));
        assertThat(ns.md("too-many").phase()).isEqualTo("Failed");
        assertThat(ns.md("too-many").conditionMessage("Ready")).contains("spec.replicas").contains("limit of 100")
                .contains("modeldeploy.policy.max-replicas");
        assertThat(ns.client().apps().deployments().inNamespace(ns.name()).withName("too-many").get()).isNull();
    }
}
