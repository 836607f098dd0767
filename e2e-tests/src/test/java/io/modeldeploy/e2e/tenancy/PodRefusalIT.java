package io.modeldeploy.e2e.tenancy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.modeldeploy.e2e.support.Manifests;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pods the API server refuses, here by a ResourceQuota on the REAL control plane (its controller-manager runs the
 * quota and ReplicaSet controllers): the deployment says so, in the API server's words, instead of waiting for
 * instances forever (tenancy.md, issue 13).
 */
class PodRefusalIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String QUOTA = "team-quota";

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("refusal");

    /** No credential or key of the run in the operator log, an Event or a status; nothing next door changed. */
    @RegisterExtension
    static final TenantWatch watch = new TenantWatch(ns);

    /** One CPU of limits for the whole namespace: every engine pod asks for more. */
    @BeforeEach
    void quota() {
        ResourceQuota quota = new ResourceQuotaBuilder().withNewMetadata().withName(QUOTA).endMetadata()
                .withNewSpec().withHard(Map.of("limits.cpu", new Quantity("1"))).endSpec().build();
        ns.client().resourceQuotas().inNamespace(ns.name()).resource(quota).create();
        // Until the quota controller has counted the namespace, admission refuses for another reason.
        Await.until("quota counted", TIMEOUT, () -> {
            ResourceQuota live = ns.client().resourceQuotas().inNamespace(ns.name()).withName(QUOTA).get();
            return live.getStatus() != null && live.getStatus().getUsed() != null
                    && live.getStatus().getUsed().containsKey("limits.cpu");
        });
    }

    @AfterEach
    void noQuota() {
        ns.client().resourceQuotas().inNamespace(ns.name()).withName(QUOTA).delete();
    }

    private static ModelDeploymentView awaitRefused(String name) {
        return Await.until(name + " Ready=False ReplicaFailure", TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(name);
            if (!md.conditionIs("Ready", "False", "ReplicaFailure")) {
                throw new AssertionError("status is " + md.status());
            }
            return md;
        });
    }

    @Test
    void aDeploymentWhosePodsTheQuotaRefusesSaysSoWithTheApiServersWordsAndAWarning() {
        ns.create(Manifests.quickStart("over-quota", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: H100, count: 1}}", ""));

        ModelDeploymentView md = awaitRefused("over-quota");

        assertThat(md.conditionMessage("Ready")).contains("exceeded quota: " + QUOTA).contains("limits.cpu");
        assertThat(md.conditionIs("Degraded", "True", "ReplicaFailure")).isTrue();
        Await.until("a ReplicaFailure Warning", Duration.ofSeconds(30),
                () -> ns.eventReasons("over-quota").contains("ReplicaFailure"));
        assertThat(ns.events("over-quota")).filteredOn(e -> e.getReason().equals("ReplicaFailure"))
                .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
    }

    /** Group pods are created by the operator itself: the API server's 403 reaches the status the same way. */
    @Test
    void aGroupPodTheQuotaRefusesSaysSoAndTheGroupIsCreatedOnceTheQuotaIsGone() {
        ns.create(Manifests.quickStart("group-over-quota", "Qwen/Qwen2.5-0.5B-Instruct", "vllm", "0.8.4",
                "{cpu: \"2\", memory: 8Gi, gpu: {type: H100, count: 1}, workers: 2}", ""));

        ModelDeploymentView md = awaitRefused("group-over-quota");

        assertThat(md.conditionMessage("Ready")).contains("exceeded quota: " + QUOTA);
        Await.until("a ReplicaFailure Warning", Duration.ofSeconds(30),
                () -> ns.eventReasons("group-over-quota").contains("ReplicaFailure"));

        ns.client().resourceQuotas().inNamespace(ns.name()).withName(QUOTA).delete();
        Await.until("the group's pods, once the quota is gone", TIMEOUT, () -> ns.client().pods().inNamespace(ns.name())
                .withLabel("modeldeploy.io/deployment", "group-over-quota").list().getItems().size() == 2);
        Await.until("ReplicaFailure gone from Ready", TIMEOUT,
                () -> !ns.md("group-over-quota").conditionIs("Ready", "False", "ReplicaFailure"));
    }
}
