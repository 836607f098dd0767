package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.Mode;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.modeldeploy.operator.status.Pods.INSUFFICIENT_GPU;
import static io.modeldeploy.operator.status.Pods.crashLooping;
import static io.modeldeploy.operator.status.Pods.created;
import static io.modeldeploy.operator.status.Pods.evicted;
import static io.modeldeploy.operator.status.Pods.imagePullBackOff;
import static io.modeldeploy.operator.status.Pods.loading;
import static io.modeldeploy.operator.status.Pods.ready;
import static io.modeldeploy.operator.status.Pods.rolledOut;
import static io.modeldeploy.operator.status.Pods.terminating;
import static io.modeldeploy.operator.status.Pods.unschedulable;
import static org.assertj.core.api.Assertions.assertThat;

class InClusterStatusTest {

    private static ModelDeployment withReplicas(int replicas) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().setReplicas(replicas);
        return md;
    }

    private static ModelDeployment stopped() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().setStopped(true);
        return md;
    }

    private static ModelDeploymentStatus compute(ModelDeployment md, Deployment deployment, Pod... pods) {
        return InClusterStatus.compute(Fixtures.resolve(md), Optional.ofNullable(deployment), List.of(pods));
    }

    private static Condition condition(ModelDeploymentStatus status, String type) {
        return Conditions.find(status.getConditions(), type).orElseThrow(() -> new AssertionError("no condition " + type));
    }

    @Test
    void noPodsYetIsPending() {
        ModelDeploymentStatus status = compute(withReplicas(1), rolledOut(0));

        assertThat(status.getPhase()).isEqualTo(Phase.Pending);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getMessage()).contains("waiting for instances to be created");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void podNotYetSeenByTheSchedulerIsPendingWithoutDegradation() {
        ModelDeploymentStatus status = compute(withReplicas(1), null, created("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Pending);
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void unschedulablePodIsPendingAndReadySaysWhy() {
        ModelDeploymentStatus status = compute(withReplicas(1), null, unschedulable("qwen-chat-a", INSUFFICIENT_GPU));

        assertThat(status.getPhase()).isEqualTo(Phase.Pending);
        Condition ready = condition(status, "Ready");
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("Unschedulable");
        assertThat(ready.getMessage()).contains(INSUFFICIENT_GPU);
    }

    @Test
    void unschedulablePodIsDegradedWithReasonUnschedulable() {
        Condition degraded = condition(compute(withReplicas(1), null, unschedulable("qwen-chat-a", INSUFFICIENT_GPU)), "Degraded");

        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("Unschedulable");
        assertThat(degraded.getMessage()).contains("qwen-chat-a").contains(INSUFFICIENT_GPU);
    }

    @Test
    void unschedulableInstanceCarriesTheSchedulerMessage() {
        ModelDeploymentStatus status = compute(withReplicas(1), null, unschedulable("qwen-chat-a", INSUFFICIENT_GPU));

        assertThat(status.getInstances()).singleElement().satisfies(i -> {
            assertThat(i.getReady()).isFalse();
            assertThat(i.getMessage()).contains(INSUFFICIENT_GPU);
        });
    }

    @Test
    void scheduledButNotReadyIsStarting() {
        ModelDeploymentStatus status = compute(withReplicas(1), rolledOut(1), loading("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Ready").getReason()).isEqualTo("InstancesNotReady");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void someInstancesReadyIsStillStarting() {
        ModelDeploymentStatus status = compute(withReplicas(2), rolledOut(2), ready("qwen-chat-a"), loading("qwen-chat-b"));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        assertThat(condition(status, "Ready").getMessage()).isEqualTo("1/2 instances ready");
    }

    @Test
    void allReadyAndRolledOutIsRunning() {
        ModelDeploymentStatus status = compute(withReplicas(2), rolledOut(2), ready("qwen-chat-a"), ready("qwen-chat-b"));

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        Condition ready = condition(status, "Ready");
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getReason()).isEqualTo("AllInstancesReady");
        assertThat(ready.getMessage()).isEqualTo("2/2 instances ready");
    }

    @Test
    void runningIsSettledAndNotDegraded() {
        ModelDeploymentStatus status = compute(withReplicas(1), rolledOut(1), ready("qwen-chat-a"));

        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("Complete");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void allReadyButDeploymentGenerationNotYetObservedIsStarting() {
        Deployment behind = Pods.deployment(5, 4, 1, 1);

        assertThat(compute(withReplicas(1), behind, ready("qwen-chat-a")).getPhase()).isEqualTo(Phase.Starting);
    }

    @Test
    void allReadyButNotAllReplicasUpdatedIsStarting() {
        Deployment rolling = Pods.deployment(4, 4, 2, 1);

        assertThat(compute(withReplicas(2), rolling, ready("qwen-chat-a"), ready("qwen-chat-b")).getPhase())
                .isEqualTo(Phase.Starting);
    }

    @Test
    void allReadyWithoutADeploymentIsNotRunning() {
        assertThat(compute(withReplicas(1), null, ready("qwen-chat-a")).getPhase()).isEqualTo(Phase.Starting);
    }

    @Test
    void crashLoopingEngineIsDegradedWithItsLastExitCode() {
        ModelDeploymentStatus status = compute(withReplicas(1), rolledOut(1), crashLooping("qwen-chat-a", 137));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        Condition degraded = condition(status, "Degraded");
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(degraded.getMessage()).contains("qwen-chat-a").contains("last exit code 137");
    }

    /** argparse prints its usage, then the error line, and exits 2: the error line is what status repeats. */
    @Test
    void crashLoopingEngineCarriesTheLastLineItWrote() {
        String log = "usage: api_server.py [-h] [--host HOST] [--port PORT]\n"
                + "                     [--max-model-len MAX_MODEL_LEN]\n"
                + "api_server.py: error: unrecognized arguments: --max-model-lenn 4096\n";
        Condition degraded = condition(compute(withReplicas(1), rolledOut(1), crashLooping("qwen-chat-a", 2, log)),
                "Degraded");

        assertThat(degraded.getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(degraded.getMessage()).endsWith(
                "(last exit code 2: api_server.py: error: unrecognized arguments: --max-model-lenn 4096)");
    }

    @Test
    void aLongLastLineIsCut() {
        String words = "Traceback: " + "x".repeat(1000);
        Condition degraded = condition(compute(withReplicas(1), rolledOut(1), crashLooping("qwen-chat-a", 1, words)),
                "Degraded");

        assertThat(degraded.getMessage()).contains("last exit code 1: Traceback: xxx").hasSizeLessThan(600).endsWith("...)");
    }

    @Test
    void imagePullFailureIsDegradedWithReasonImagePullBackOff() {
        Condition degraded = condition(compute(withReplicas(1), rolledOut(1), imagePullBackOff("qwen-chat-a")), "Degraded");

        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("ImagePullBackOff");
        assertThat(degraded.getMessage()).contains("vllm-openai:v0.8.4");
    }

    @Test
    void theMostSevereProblemAmongInstancesIsReported() {
        ModelDeploymentStatus status = compute(withReplicas(2), rolledOut(2),
                crashLooping("qwen-chat-a", 1), imagePullBackOff("qwen-chat-b"));

        assertThat(condition(status, "Degraded").getReason()).isEqualTo("ImagePullBackOff");
    }

    @Test
    void stoppedWithPodsStillTerminatingIsStopping() {
        ModelDeploymentStatus status = compute(stopped(), rolledOut(0), terminating(ready("qwen-chat-a")));

        assertThat(status.getPhase()).isEqualTo(Phase.Stopping);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("Stopping");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("Stopping");
    }

    @Test
    void stoppedWithoutPodsIsStopped() {
        ModelDeploymentStatus status = compute(stopped(), rolledOut(0));

        assertThat(status.getPhase()).isEqualTo(Phase.Stopped);
        Condition ready = condition(status, "Ready");
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("Stopped");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
        assertThat(status.getReady()).isEqualTo("0/0");
    }

    @Test
    void zeroReplicasWithoutStoppedIsStoppedAsScaledToZero() {
        ModelDeploymentStatus status = compute(withReplicas(0), rolledOut(0));

        assertThat(status.getPhase()).isEqualTo(Phase.Stopped);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("ScaledToZero");
    }

    @Test
    void replicaCountsAndReadyTextCountOnlyLivePods() {
        ModelDeploymentStatus status = compute(withReplicas(3), rolledOut(3),
                ready("qwen-chat-a"), loading("qwen-chat-b"), terminating(ready("qwen-chat-old")));

        assertThat(status.getReplicas()).isEqualTo(2);
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertThat(status.getReady()).isEqualTo("1/3");
    }

    /** The Deployment replaced the evicted pod; its own status.replicas no longer counts it. */
    @Test
    void evictedPodIsNotAnInstance() {
        ModelDeploymentStatus status = compute(withReplicas(1), rolledOut(1), ready("qwen-chat-b"), evicted("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        assertThat(status.getReplicas()).isEqualTo(1);
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertThat(status.getInstances()).extracting(InstanceStatus::getInstanceId).containsExactly("qwen-chat-b");
    }

    @Test
    void stoppedWithOnlyAnEvictedPodLeftIsStopped() {
        ModelDeploymentStatus status = compute(stopped(), rolledOut(0), evicted("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Stopped);
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void selectorIsTheDeploymentLabelForTheScaleSubresource() {
        assertThat(compute(withReplicas(1), null).getSelector()).isEqualTo("modeldeploy.io/deployment=qwen-chat");
    }

    @Test
    void instancesAreOnePerNonTerminatingPodSortedByName() {
        ModelDeploymentStatus status = compute(withReplicas(3), rolledOut(3),
                loading("qwen-chat-c"), ready("qwen-chat-a"), terminating(ready("qwen-chat-b")));

        assertThat(status.getInstances()).extracting(InstanceStatus::getInstanceId).containsExactly("qwen-chat-a", "qwen-chat-c");
    }

    @Test
    void readyInstanceHasTheBaseModelReadyAndNoMessage() {
        assertThat(compute(withReplicas(1), rolledOut(1), ready("qwen-chat-a")).getInstances()).singleElement().satisfies(i -> {
            assertThat(i.getReady()).isTrue();
            assertThat(i.getBaseModelReady()).isTrue();
            assertThat(i.getMessage()).isNull();
        });
    }

    @Test
    void loadingInstanceSaysItIsLoadingTheModel() {
        assertThat(compute(withReplicas(1), rolledOut(1), loading("qwen-chat-a")).getInstances()).singleElement()
                .satisfies(i -> {
                    assertThat(i.getReady()).isFalse();
                    assertThat(i.getMessage()).contains("loading the model");
                });
    }

    @Test
    void conditionsAreReadyProgressingDegradedWithTheResourceGeneration() {
        ModelDeploymentStatus status = compute(withReplicas(1), rolledOut(1), ready("qwen-chat-a"));

        assertThat(status.getConditions()).extracting(Condition::getType).containsExactly("Ready", "Progressing", "Degraded");
        assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(Fixtures.GENERATION));
    }

    @Test
    void statusCarriesTheSpecDerivedFields() {
        ModelDeploymentStatus status = compute(withReplicas(1), rolledOut(1), ready("qwen-chat-a"));

        assertThat(status.getObservedGeneration()).isEqualTo(Fixtures.GENERATION);
        assertThat(status.getMode()).isEqualTo(Mode.QuickStart);
        assertThat(status.getServiceUrl()).isEqualTo("http://qwen-chat.team-a.svc:8000/v1");
        assertThat(status.getApiKeySecret()).isEqualTo("qwen-chat-api-key");
    }

    @Test
    void computingTwiceFromTheSameObservationsGivesEqualStatuses() {
        ModelDeployment md = withReplicas(2);

        assertThat(compute(md, rolledOut(2), ready("qwen-chat-a"), loading("qwen-chat-b")))
                .isEqualTo(compute(md, rolledOut(2), ready("qwen-chat-a"), loading("qwen-chat-b")));
    }
}
