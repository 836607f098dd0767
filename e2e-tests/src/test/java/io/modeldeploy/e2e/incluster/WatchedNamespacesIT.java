package io.modeldeploy.e2e.incluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.modeldeploy.e2e.support.LocalCluster;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.e2e.support.OperatorProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator watching a list of namespaces (the chart's {@code watchNamespaces}) runs one informer per namespace and
 * kind, on the REAL API server. Each must keep its own objects: when two shared one store, the second one's list at
 * start dropped the first one's objects, and the operator, seeing its Deployments gone, wrote them and their status
 * again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchedNamespacesIT {
    private final OperatorHarness harness = OperatorHarness.get();
    private final LocalCluster cluster = harness.cluster();
    private String teamA;
    private String teamB;
    private OperatorProcess operator;

    @BeforeAll
    void startAnOperatorWatchingTwoNamespaces() {
        // The shared operator watches every namespace: it would do the work this one must do.
        harness.operator().stop();
        teamA = cluster.createNamespace("watched-a");
        teamB = cluster.createNamespace("watched-b");
        operator = new OperatorProcess(cluster, Map.of("QUARKUS_OPERATOR_SDK_NAMESPACES", teamA + "," + teamB)).start();
    }

    @AfterAll
    void stop() {
        try {
            cluster.deleteNamespace(teamA);
            cluster.deleteNamespace(teamB);
            operator.stop();
        } finally {
            harness.operator().start();
        }
    }

    @Test
    void eachNamespacesObjectsStayCachedAcrossARestart() {
        for (String ns : List.of(teamA, teamB)) {
            harness.mds(ns).resource(Manifests.quickStart("qwen", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                    "{cpu: \"2\", memory: 8Gi, gpu: {type: L40S, count: 1}}", "replicas: 1")).create();
        }
        harness.awaitPhase(teamA, "qwen", "Running");
        harness.awaitPhase(teamB, "qwen", "Running");
        Map<String, String> before = versions();

        operator.stop();
        long logStart = operator.logSize();
        operator.start();
        operator.awaitReconciled(teamA, "qwen", 0);
        operator.awaitReconciled(teamB, "qwen", 0);

        assertThat(versions()).isEqualTo(before);
        assertThat(operator.logSince(logStart)).doesNotContain("creating ").doesNotContain("applying ");
        assertThat(harness.md(teamA, "qwen").phase()).isEqualTo("Running");
    }

    private Map<String, String> versions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String ns : List.of(teamA, teamB)) {
            out.put(ns + " md", rv(harness.mds(ns).withName("qwen").get()));
            out.put(ns + " deployment", rv(cluster.client().apps().deployments().inNamespace(ns).withName("qwen").get()));
            out.put(ns + " service", rv(cluster.client().services().inNamespace(ns).withName("qwen").get()));
        }
        return out;
    }

    private static String rv(HasMetadata object) {
        return object.getMetadata().getResourceVersion();
    }
}
