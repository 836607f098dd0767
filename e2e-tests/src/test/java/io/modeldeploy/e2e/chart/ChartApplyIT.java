package io.modeldeploy.e2e.chart;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.e2e.support.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object the chart renders, for both value sets, is accepted by the REAL API server (server-side
 * apply, dry run: schema, defaulting, admission and RBAC escalation checks run, nothing is stored).
 */
class ChartApplyIT {
    @RegisterExtension
    static final TestNamespace release = TestNamespace.onCluster("chart");
    // Roles of the namespace-list shape go into namespaces that must exist.
    @RegisterExtension
    static final TestNamespace teamA = TestNamespace.onCluster("chart-team");
    @RegisterExtension
    static final TestNamespace teamB = TestNamespace.onCluster("chart-team");

    @Test
    void chartCrdAppliesWithDryRun() throws IOException {
        try (var files = Files.list(Chart.dir().resolve("crds"))) {
            for (Path file : files.toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    HasMetadata crd = release.client().apiextensions().v1().customResourceDefinitions().load(in).item();
                    release.client().resource(crd).dryRun().fieldManager("chart-test").forceConflicts().serverSideApply();
                }
            }
        }
    }

    @Test
    void defaultValuesApplyWithDryRun() {
        List<ObjectNode> objects = Chart.render(release.name(), Optional.empty());
        assertThat(objects).isNotEmpty();
        dryRunApply(objects);
    }

    @Test
    void namespaceListValuesApplyWithDryRun() throws IOException {
        Path watched = Files.createTempFile("watch", ".yaml");
        Files.writeString(watched, "watchNamespaces: [" + teamA.name() + ", " + teamB.name() + "]\n");
        List<ObjectNode> objects = Chart.render(release.name(), List.of(Chart.namespacesValues(), watched));
        assertThat(Chart.ofKind(objects, "Role")).extracting(r -> r.path("metadata").path("namespace").asText())
                .contains(teamA.name(), teamB.name(), release.name());
        dryRunApply(objects.stream()
                // The ServiceMonitor kind exists only where the Prometheus Operator is installed.
                .filter(o -> !o.path("apiVersion").asText().startsWith("monitoring.coreos.com/")).toList());
    }

    private static void dryRunApply(List<ObjectNode> objects) {
        for (ObjectNode object : objects) {
            GenericKubernetesResource resource = Serialization.unmarshal(object.toString(), GenericKubernetesResource.class);
            HasMetadata applied = release.client().resource(resource).dryRun().fieldManager("chart-test").forceConflicts()
                    .serverSideApply();
            assertThat(applied.getMetadata().getName()).as(object.path("kind").asText())
                    .isEqualTo(resource.getMetadata().getName());
        }
    }
}
