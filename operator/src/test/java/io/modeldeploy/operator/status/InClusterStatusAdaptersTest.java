package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.adapters.InstanceAdapters;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.modeldeploy.operator.status.Pods.crashLooping;
import static io.modeldeploy.operator.status.Pods.loading;
import static io.modeldeploy.operator.status.Pods.ready;
import static io.modeldeploy.operator.status.Pods.rolledOut;
import static org.assertj.core.api.Assertions.assertThat;

/** A LoRA deployment is Running only when every ready instance's engine holds every adapter. */
class InClusterStatusAdaptersTest {

    private static ModelDeployment withAdapters(int replicas, String... names) {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().setReplicas(replicas);
        md.getSpec().setAdapters(Fixtures.adapters(names));
        return md;
    }

    private static InstanceAdapters holding(String... loaded) {
        return new InstanceAdapters(true, List.of(loaded), Map.of(), Map.of());
    }

    private static InstanceAdapters waitingFor(String adapter, String why, String... loaded) {
        return new InstanceAdapters(true, List.of(loaded), Map.of(), Map.of(adapter, why));
    }

    private static InstanceAdapters refused(String adapter, String message, String... loaded) {
        return new InstanceAdapters(true, List.of(loaded), Map.of(adapter, message), Map.of());
    }

    private static ModelDeploymentStatus compute(ModelDeployment md, Deployment deployment, Map<String, InstanceAdapters> adapters,
                                                 Pod... pods) {
        return InClusterStatus.compute(Fixtures.resolve(md), Optional.ofNullable(deployment), List.of(pods), adapters);
    }

    private static Condition condition(ModelDeploymentStatus status, String type) {
        return Conditions.find(status.getConditions(), type).orElseThrow(() -> new AssertionError("no condition " + type));
    }

    @Test
    void everyInstanceHoldingEveryAdapterIsRunning() {
        ModelDeploymentStatus status = compute(withAdapters(2, "sql", "chat"), rolledOut(2),
                Map.of("qwen-chat-a", holding("chat", "sql"), "qwen-chat-b", holding("chat", "sql")),
                ready("qwen-chat-a"), ready("qwen-chat-b"));

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("AllInstancesReady");
        Condition adapters = condition(status, "AdaptersReady");
        assertThat(adapters.getStatus()).isEqualTo("True");
        assertThat(adapters.getReason()).isEqualTo("AllAdaptersLoaded");
        assertThat(adapters.getObservedGeneration()).isEqualTo(Fixtures.GENERATION);
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void adaptersReadySitsBetweenProgressingAndDegraded() {
        ModelDeploymentStatus status = compute(withAdapters(1, "sql"), rolledOut(1),
                Map.of("qwen-chat-a", holding("sql")), ready("qwen-chat-a"));

        assertThat(status.getConditions()).extracting(Condition::getType)
                .containsExactly("Ready", "Progressing", "AdaptersReady", "Degraded");
    }

    @Test
    void allPodsReadyButAnAdapterMissingIsStartingNotRunning() {
        ModelDeploymentStatus status = compute(withAdapters(2, "sql", "chat"), rolledOut(2),
                Map.of("qwen-chat-a", holding("chat", "sql"), "qwen-chat-b", waitingFor("sql", "downloading hf://org/sql", "chat")),
                ready("qwen-chat-a"), ready("qwen-chat-b"));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        Condition readyCondition = condition(status, "Ready");
        assertThat(readyCondition.getStatus()).isEqualTo("False");
        assertThat(readyCondition.getReason()).isEqualTo("AdaptersNotReady");
        assertThat(readyCondition.getMessage()).contains("qwen-chat-b").contains("sql").contains("downloading hf://org/sql");
        Condition adapters = condition(status, "AdaptersReady");
        assertThat(adapters.getStatus()).isEqualTo("False");
        assertThat(adapters.getReason()).isEqualTo("AdaptersLoading");
        assertThat(condition(status, "Progressing").getStatus()).isEqualTo("True");
        assertThat(condition(status, "Degraded").getStatus()).as("a download in progress is no failure").isEqualTo("False");
        assertThat(status.getReadyReplicas()).isEqualTo(2);
    }

    @Test
    void aReadyInstanceNotSyncedYetIsLoading() {
        ModelDeploymentStatus status = compute(withAdapters(1, "sql"), rolledOut(1), Map.of(), ready("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        assertThat(condition(status, "AdaptersReady").getReason()).isEqualTo("AdaptersLoading");
        assertThat(condition(status, "AdaptersReady").getMessage()).contains("qwen-chat-a");
    }

    @Test
    void aRefusedLoadIsDegradedWithTheEnginesMessage() {
        String message = "LoRA rank 128 is greater than max_lora_rank 64.";
        ModelDeploymentStatus status = compute(withAdapters(1, "sql", "chat"), rolledOut(1),
                Map.of("qwen-chat-a", refused("sql", message, "chat")), ready("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        Condition degraded = condition(status, "Degraded");
        assertThat(degraded.getStatus()).isEqualTo("True");
        assertThat(degraded.getReason()).isEqualTo("AdapterLoadFailed");
        assertThat(degraded.getMessage()).contains("qwen-chat-a").contains("sql").contains(message);
        Condition adapters = condition(status, "AdaptersReady");
        assertThat(adapters.getStatus()).isEqualTo("False");
        assertThat(adapters.getReason()).isEqualTo("AdapterLoadFailed");
        assertThat(adapters.getMessage()).contains(message);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("AdaptersNotReady");
    }

    @Test
    void aFailureOnOneInstanceIsReportedEvenWhileAnotherIsStillLoading() {
        ModelDeploymentStatus status = compute(withAdapters(2, "sql"), rolledOut(2),
                Map.of("qwen-chat-a", waitingFor("sql", "downloading hf://org/sql"),
                        "qwen-chat-b", refused("sql", "adapter not found at /adapters/sql")),
                ready("qwen-chat-a"), ready("qwen-chat-b"));

        Condition adapters = condition(status, "AdaptersReady");
        assertThat(adapters.getReason()).isEqualTo("AdapterLoadFailed");
        assertThat(adapters.getMessage()).contains("qwen-chat-b").contains("adapter not found at /adapters/sql");
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("AdapterLoadFailed");
    }

    @Test
    void anUnreachableEngineIsLoadingNotDegraded() {
        ModelDeploymentStatus status = compute(withAdapters(1, "sql"), rolledOut(1),
                Map.of("qwen-chat-a", InstanceAdapters.unreachable("engine at 10.0.0.7:8000 did not answer")),
                ready("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        assertThat(condition(status, "AdaptersReady").getReason()).isEqualTo("AdaptersLoading");
        assertThat(condition(status, "AdaptersReady").getMessage()).isEqualTo("pod qwen-chat-a: engine at 10.0.0.7:8000 did not answer");
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(status.getInstances()).singleElement().satisfies(i -> assertThat(i.getLoraModels()).isEmpty());
    }

    @Test
    void withoutReadyInstancesAdaptersWaitForThem() {
        ModelDeploymentStatus status = compute(withAdapters(1, "sql"), rolledOut(1), Map.of(), loading("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        assertThat(condition(status, "Ready").getReason()).isEqualTo("InstancesNotReady");
        Condition adapters = condition(status, "AdaptersReady");
        assertThat(adapters.getStatus()).isEqualTo("False");
        assertThat(adapters.getReason()).isEqualTo("WaitingForInstances");
    }

    @Test
    void aStoppedDeploymentWaitsForNoInstances() {
        ModelDeployment md = withAdapters(1, "sql");
        md.getSpec().setStopped(true);

        ModelDeploymentStatus status = compute(md, rolledOut(0), Map.of());

        assertThat(status.getPhase()).isEqualTo(Phase.Stopped);
        assertThat(condition(status, "AdaptersReady").getReason()).isEqualTo("NoInstances");
    }

    @Test
    void instancesListWhatEachEngineHolds() {
        ModelDeploymentStatus status = compute(withAdapters(3, "sql"), rolledOut(3),
                Map.of("qwen-chat-a", holding("old", "sql"), "qwen-chat-b", waitingFor("sql", "downloading")),
                ready("qwen-chat-a"), ready("qwen-chat-b"), loading("qwen-chat-c"));

        assertThat(status.getInstances()).extracting(InstanceStatus::getInstanceId, InstanceStatus::getLoraModels)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("qwen-chat-a", List.of("old", "sql")),
                        org.assertj.core.groups.Tuple.tuple("qwen-chat-b", List.of()),
                        org.assertj.core.groups.Tuple.tuple("qwen-chat-c", List.of()));
    }

    @Test
    void anEmptyAdapterListIsRunningOnceInstancesAreSynced() {
        ModelDeploymentStatus status = compute(withAdapters(1), rolledOut(1), Map.of("qwen-chat-a", holding()),
                ready("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        assertThat(condition(status, "AdaptersReady").getStatus()).isEqualTo("True");
    }

    @Test
    void aDeploymentWithoutLoraHasNoAdapterStatus() {
        ModelDeployment md = Fixtures.vllmQuickStart();
        md.getSpec().setReplicas(1);

        ModelDeploymentStatus status = compute(md, rolledOut(1), Map.of("qwen-chat-a", refused("sql", "no", "x")),
                ready("qwen-chat-a"));

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        assertThat(Conditions.find(status.getConditions(), "AdaptersReady")).isEmpty();
        assertThat(condition(status, "Degraded").getStatus()).isEqualTo("False");
        assertThat(status.getInstances()).singleElement().satisfies(i -> assertThat(i.getLoraModels()).isNull());
    }

    @Test
    void aFailingPodOutranksAnAdapterFailureInDegraded() {
        ModelDeploymentStatus status = compute(withAdapters(2, "sql"), rolledOut(2),
                Map.of("qwen-chat-a", refused("sql", "no")), ready("qwen-chat-a"), crashLooping("qwen-chat-b", 1));

        assertThat(condition(status, "Degraded").getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(condition(status, "AdaptersReady").getReason()).isEqualTo("AdapterLoadFailed");
    }

    @Test
    void theThreeArgumentComputeOfALoraDeploymentIsNeverRunning() {
        ModelDeploymentStatus status = InClusterStatus.compute(Fixtures.resolve(withAdapters(1, "sql")), Optional.of(rolledOut(1)),
                List.of(ready("qwen-chat-a")));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
    }
}
