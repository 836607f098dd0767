package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.Autoscaling;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentSpec;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.autoscale.ScaleDecider;
import io.modeldeploy.operator.autoscale.ScaleHistory;
import io.modeldeploy.operator.autoscale.ScaleKey;
import io.modeldeploy.operator.deployment.ScaleDecision;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconcile with spec.autoscaling: the scaler's count replaces spec.replicas, and spec is never touched. */
class AutoscaledReconcileTest {
    private static final ScaleKey KEY = new ScaleKey(Fixtures.NAMESPACE, Fixtures.NAME);
    private final FlowFixture f = new FlowFixture();
    private final List<ScaleKey> woken = new ArrayList<>();

    AutoscaledReconcileTest() {
        f.scaleBook.onChange(woken::add);
    }

    private static ModelDeployment autoscaled(int min, int max) {
        ModelDeployment md = Fixtures.vllmQuickStart(); // spec.replicas: 2
        Autoscaling a = new Autoscaling();
        a.setMinReplicas(min);
        a.setMaxReplicas(max);
        md.getSpec().setAutoscaling(a);
        return md;
    }

    private UpdateControl<ModelDeployment> reconcile(ModelDeploymentReconciler reconciler, ModelDeployment md) {
        return FlowFixture.statusPatched(md, reconciler.reconcile(md, new FakeContext().seeing(f.cluster).withDeployments(md)));
    }

    private int renderedReplicas() {
        return f.cluster.live().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow().getSpec().getReplicas();
    }

    private void scalerDecides(int replicas, String reason) {
        f.scaleBook.record(KEY, new ScaleDecider.Outcome(new ScaleDecision(replicas, 21, 0, 3, reason, f.clock.instant()),
                ScaleHistory.EMPTY, true));
    }

    @Test
    void theScalersCountIsAppliedInsteadOfSpecReplicasAndSpecIsUntouched() {
        ModelDeploymentReconciler reconciler = f.reconciler();
        ModelDeployment md = autoscaled(0, 4);
        ModelDeploymentSpec written = Serialization.clone(md.getSpec());

        reconcile(reconciler, md);

        assertThat(renderedReplicas()).isZero();
        assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Stopped);
        assertThat(FlowFixture.condition(md, "Ready")).isEqualTo("False ScaledToZero");
        assertThat(FlowFixture.message(md, "Ready")).startsWith("scaled to zero by the autoscaler (start at minReplicas 0)");
        assertThat(md.getStatus().getAutoscaling().getDesiredReplicas()).isZero();
        assertThat(f.events.reasons()).doesNotContain("Normal ScaledUp", "Normal ScaledDown");

        scalerDecides(3, "scale up 0 to 3: 21 in flight, target 8 per instance");
        assertThat(woken).containsExactly(KEY);
        reconcile(reconciler, md);

        assertThat(renderedReplicas()).isEqualTo(3);
        assertThat(md.getStatus().getAutoscaling().getDesiredReplicas()).isEqualTo(3);
        assertThat(md.getStatus().getAutoscaling().getInFlight()).isEqualTo(21);
        assertThat(md.getStatus().getAutoscaling().getQueued()).isEqualTo(3);
        assertThat(md.getStatus().getAutoscaling().getLastDecision()).isEqualTo("scale up 0 to 3: 21 in flight, target 8 per instance");
        assertThat(md.getStatus().getAutoscaling().getLastScaleTime()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(f.events.recorded).filteredOn(e -> e.contains("Scaled"))
                .containsExactly("Normal ScaledUp: scale up 0 to 3: 21 in flight, target 8 per instance");
        assertThat(md.getSpec()).isEqualTo(written);
    }

    @Test
    void aSteadyStateWritesNothing() {
        ModelDeploymentReconciler reconciler = f.reconciler();
        ModelDeployment md = autoscaled(1, 4);
        reconcile(reconciler, md);
        int writes = f.cluster.writes().size();
        int events = f.events.recorded.size();

        UpdateControl<ModelDeployment> again = reconcile(reconciler, md);

        assertThat(again.isPatchStatus()).isFalse();
        assertThat(f.cluster.writes()).hasSize(writes);
        assertThat(f.events.recorded).hasSize(events);
    }

    @Test
    void anOperatorRestartResumesFromStatusWithoutAnyChange() {
        ModelDeployment md = autoscaled(0, 4);
        reconcile(f.reconciler(), md);
        scalerDecides(3, "scale up 0 to 3: 21 in flight, target 8 per instance");
        reconcile(f.reconciler(), md);
        int writes = f.cluster.writes().size();
        int events = f.events.recorded.size();

        // A new operator process: an empty book, the status as the API server holds it.
        f.scaleBook.forget(KEY);
        f.clock.advance(java.time.Duration.ofMinutes(1));
        UpdateControl<ModelDeployment> resumed = reconcile(f.reconciler(), md);

        assertThat(resumed.isPatchStatus()).isFalse();
        assertThat(renderedReplicas()).isEqualTo(3);
        assertThat(f.cluster.writes()).hasSize(writes);
        assertThat(f.events.recorded).hasSize(events);
        assertThat(f.scaleBook.current(KEY).orElseThrow().decision().desiredReplicas()).isEqualTo(3);
    }

    @Test
    void autoscalingAddedToARunningDeploymentStartsFromWhatRuns() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        ModelDeploymentReconciler reconciler = f.reconciler();
        reconcile(reconciler, md);
        md.getStatus().setReplicas(2); // as the pods of spec.replicas 2 would show
        md.getSpec().setAutoscaling(autoscaled(0, 4).getSpec().getAutoscaling());

        reconcile(reconciler, md);

        assertThat(renderedReplicas()).isEqualTo(2);
        assertThat(md.getStatus().getAutoscaling().getLastDecision()).isEqualTo("start at 2: 2 instances ran when autoscaling began");
    }

    @Test
    void boundsMovedInTheSpecApplyAtOnce() {
        ModelDeploymentReconciler reconciler = f.reconciler();
        ModelDeployment md = autoscaled(0, 4);
        reconcile(reconciler, md);
        scalerDecides(4, "scale up 0 to 4: 40 in flight, target 8 per instance");
        reconcile(reconciler, md);

        md.getSpec().getAutoscaling().setMaxReplicas(2);
        reconcile(reconciler, md);

        assertThat(renderedReplicas()).isEqualTo(2);
        assertThat(f.events.recorded).contains("Normal ScaledDown: scale down 4 to 2: maxReplicas is 2");
    }

    @Test
    void withoutAutoscalingSpecReplicasRulesAndNothingIsSampled() {
        ModelDeploymentReconciler reconciler = f.reconciler();
        ModelDeployment md = autoscaled(0, 4);
        reconcile(reconciler, md);
        assertThat(f.scaleBook.isEmpty()).isFalse();

        md.getSpec().setAutoscaling(null);
        reconcile(reconciler, md);

        assertThat(renderedReplicas()).isEqualTo(2);
        assertThat(f.scaleBook.isEmpty()).isTrue();
        assertThat(md.getStatus().getAutoscaling()).isNull();
    }

    @Test
    void aManagedServiceIsScaledThroughTheVendorsCallToTheDecidedCount() {
        f.cluster.with(FlowFixture.vendorCredentials());
        ModelDeployment md = FlowFixture.managed(autoscaled(1, 3));
        f.runningAtVendor(md, "svc-9", 1);
        md.getStatus().setReplicas(1);
        ModelDeploymentReconciler reconciler = f.reconciler();
        reconcile(reconciler, md);
        assertThat(f.vendor.calls).doesNotContain("scale svc-9 2");

        scalerDecides(3, "scale up 1 to 3: 21 in flight, target 8 per instance");
        reconcile(reconciler, md);

        assertThat(f.vendor.calls).contains("scale svc-9 3");
        assertThat(md.getStatus().getAutoscaling().getDesiredReplicas()).isEqualTo(3);
        assertThat(f.events.recorded).contains("Normal ScaledUp: scale up 1 to 3: 21 in flight, target 8 per instance");
    }

    private static io.fabric8.kubernetes.api.model.Pod withIp(io.fabric8.kubernetes.api.model.Pod pod, String ip, String role) {
        pod.getStatus().setPodIP(ip);
        if (role != null) {
            pod.getMetadata().getLabels().put(io.modeldeploy.operator.deployment.GroupLabels.ROLE, role);
        }
        return pod;
    }

    @Test
    void theScalerScrapesReadyServingInstancesOnlyAtTheEnginesPort() {
        ModelDeployment md = autoscaled(1, 4);
        var ready = withIp(io.modeldeploy.operator.status.Pods.ready("qwen-chat-a"), "10.0.0.1", null);
        var loading = withIp(io.modeldeploy.operator.status.Pods.loading("qwen-chat-b"), "10.0.0.2", null);
        var leader = withIp(io.modeldeploy.operator.status.Pods.ready("qwen-chat-0-0-0"), "10.0.0.3", "leader");
        var worker = withIp(io.modeldeploy.operator.status.Pods.ready("qwen-chat-0-0-1"), "10.0.0.4", "worker");

        f.reconciler().reconcile(md, new FakeContext().seeing(f.cluster).with(ready, loading, leader, worker)
                .withDeployments(md));

        assertThat(f.scaleBook.targets()).singleElement().satisfies(t -> {
            assertThat(t.engines()).extracting(e -> e.instance() + "@" + e.podIp() + ":" + e.port())
                    .containsExactly("qwen-chat-a@10.0.0.1:8000", "qwen-chat-0-0-0@10.0.0.3:8000");
            assertThat(t.engines()).allSatisfy(e -> assertThat(e.engine().backend()).isEqualTo(
                    io.modeldeploy.operator.api.v1alpha1.Backend.VLLM));
            assertThat(t.policy().maxReplicas()).isEqualTo(4);
        });
    }
}
