package io.modeldeploy.e2e.k3s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.e2e.support.LocalCluster;
import io.modeldeploy.e2e.support.OperatorProcess;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The optional second integration path: a real K3s in a container, where a Docker engine exists. It has
 * no GPU nodes, so it proves what does not need them: the CRD and every sample are accepted, and the
 * packaged operator reconciles a sample to Pending with the scheduler's reason, creating its Secret,
 * Deployment and Service. Without Docker (as on the project's own machines) it skips itself; the real
 * local control plane (LocalCluster) is the default path.
 */
class K3sIT {
    private static final DockerImageName K3S = DockerImageName.parse("rancher/k3s:v1.30.4-k3s1");
    private static final ResourceDefinitionContext MODEL_DEPLOYMENTS = new ResourceDefinitionContext.Builder()
            .withGroup("modeldeploy.io").withVersion("v1alpha1").withKind("ModelDeployment")
            .withPlural("modeldeployments").withNamespaced(true).build();

    @Test
    void samplesApplyAndTheOperatorReconcilesOnK3s() throws IOException {
        assumeTrue(dockerAvailable(), "no Docker engine on this machine: the K3s path (Testcontainers) is skipped; "
                + "the integration tests run on the real local control plane instead");
        Path root = LocalCluster.repositoryRoot();
        try (K3sContainer k3s = new K3sContainer(K3S)) {
            k3s.start();
            Path kubeconfig = Files.createTempFile("k3s", ".kubeconfig");
            Files.writeString(kubeconfig, k3s.getKubeConfigYaml());
            try (KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build()) {
                installCrds(client, root);
                String ns = "k3s-samples";
                client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                        .withNewMetadata().withName(ns).endMetadata().build()).create();
                var mds = client.genericKubernetesResources(MODEL_DEPLOYMENTS).inNamespace(ns);
                for (GenericKubernetesResource sample : samples(root)) {
                    mds.resource(sample).dryRun().create();
                }

                try (OperatorProcess operator = new OperatorProcess(root,
                        Map.of("KUBECONFIG", kubeconfig.toString()), Map.of()).start()) {
                    GenericKubernetesResource qwen = samples(root).stream()
                            .filter(s -> s.getMetadata().getName().equals("qwen-chat")).findFirst().orElseThrow();
                    mds.resource(qwen).create();
                    Await.until("qwen-chat Pending with the scheduler's reason", Duration.ofSeconds(120), () -> {
                        GenericKubernetesResource md = mds.withName("qwen-chat").get();
                        Map<?, ?> status = (Map<?, ?>) md.getAdditionalProperties().get("status");
                        return status != null && "Pending".equals(status.get("phase"))
                                && String.valueOf(status.get("conditions")).contains("nodes are available");
                    });
                    assertThat(client.secrets().inNamespace(ns).withName("qwen-chat-api-key").get()).isNotNull();
                    assertThat(client.apps().deployments().inNamespace(ns).withName("qwen-chat").get()).isNotNull();
                    assertThat(client.services().inNamespace(ns).withName("qwen-chat").get()).isNotNull();
                }
            }
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void installCrds(KubernetesClient client, Path root) throws IOException {
        try (var files = Files.list(root.resolve("crds"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
                    client.resource(crd).serverSideApply();
                    client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                            .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null
                                    && c.getStatus().getConditions().stream().anyMatch(cond ->
                                    "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
                                    60, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Every document of every file in samples/. */
    private static List<GenericKubernetesResource> samples(Path root) throws IOException {
        try (var files = Files.list(root.resolve("samples"))) {
            List<GenericKubernetesResource> out = new java.util.ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String doc : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (doc.contains("kind:")) {
                        out.add(Serialization.unmarshal(doc, GenericKubernetesResource.class));
                    }
                }
            }
            return out;
        }
    }
}
