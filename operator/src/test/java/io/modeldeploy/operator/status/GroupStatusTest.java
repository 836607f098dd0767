package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.InstanceStatus;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.api.v1alpha1.WorkerStatus;
import io.modeldeploy.operator.groups.Groups;
import io.modeldeploy.operator.render.GroupPodRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.modeldeploy.operator.groups.Groups.all;
import static io.modeldeploy.operator.groups.Groups.digest;
import static io.modeldeploy.operator.groups.Groups.md;
import static io.modeldeploy.operator.groups.Groups.ready;
import static io.modeldeploy.operator.groups.Groups.with;
import static io.modeldeploy.operator.groups.Groups.without;
import static org.assertj.core.api.Assertions.assertThat;

class GroupStatusTest {
    private static final ModelDeployment MD = md(2, 2);
    private static final String NAME = MD.getMetadata().getName();

    private static ModelDeploymentStatus status(List<Pod> pods) {
        return GroupStatus.compute(Fixtures.resolve(MD), pods, digest(MD));
    }

    private static Condition condition(ModelDeploymentStatus status, String type) {
        return status.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void everyGroupIsOneInstanceNamedByItsLeaderWithItsWorkers() {
        ModelDeploymentStatus status = status(all(ready(MD, 0, "aaaaa", 60), ready(MD, 1, "bbbbb", 60)));

        assertThat(status.getPhase()).isEqualTo(Phase.Running);
        assertThat(status.getReplicas()).isEqualTo(2);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getSelector()).isEqualTo("modeldeploy.io/deployment=" + NAME + ",modeldeploy.io/role=leader");
        assertThat(status.getInstances()).extracting(InstanceStatus::getInstanceId)
                .containsExactly(NAME + "-0-aaaaa-0", NAME + "-1-bbbbb-0");
        assertThat(status.getInstances().get(0).getWorkers()).singleElement().satisfies(w -> {
            assertThat(w.getPod()).isEqualTo(NAME + "-0-aaaaa-1");
            assertThat(w.getRank()).isEqualTo(1);
            assertThat(w.getReady()).isTrue();
            assertThat(w.getNode()).isNotBlank();
        });
    }

    @Test
    void aGroupIsReadyOnlyWhenEveryMemberIs() {
        List<Pod> group1 = with(ready(MD, 1, "bbbbb", 60), 1, Groups::loadingPod);

        ModelDeploymentStatus status = status(all(ready(MD, 0, "aaaaa", 60), group1));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        InstanceStatus instance = status.getInstances().get(1);
        assertThat(instance.getReady()).isFalse();
        assertThat(instance.getWorkers()).extracting(WorkerStatus::getReady).containsExactly(false);
    }

    @Test
    void aGroupThatCannotBeScheduledWholeIsPendingWithTheSchedulersReason() {
        String why = "0/4 nodes are available: 2 node(s) didn't match pod anti-affinity rules, 2 node(s) didn't match Pod's node affinity/selector.";
        ModelDeployment one = md(2, 1);
        List<Pod> group = with(ready(one, 0, "aaaaa", 60), 1, p -> Groups.unschedulable(p, why));

        ModelDeploymentStatus status = GroupStatus.compute(Fixtures.resolve(one), group, digest(one));

        assertThat(status.getPhase()).isEqualTo(Phase.Pending);
        assertThat(condition(status, "Ready").getMessage()).contains(why);
        assertThat(condition(status, "Degraded").getReason()).isEqualTo("Unschedulable");
    }

    @Test
    void aBrokenGroupSaysWhichGroupAndWhy() {
        List<Pod> broken = without(ready(MD, 1, "bbbbb", 60), 1);

        ModelDeploymentStatus status = status(all(ready(MD, 0, "aaaaa", 60), broken));

        Condition degraded = condition(status, "Degraded");
        assertThat(degraded.getReason()).isEqualTo("GroupRestarting");
        assertThat(degraded.getMessage()).isEqualTo("group 1 (leader " + NAME + "-1-bbbbb-0) restarts as a unit: worker pod "
                + NAME + "-1-bbbbb-1 is gone");
        assertThat(status.getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void aRestartedGroupSaysWhyUntilItIsReadyAgain() {
        List<Pod> restarted = Groups.rendered(MD, 1, "ccccc", 5, Optional.of(new GroupPodRenderer.Replacement(
                "worker pod " + NAME + "-1-bbbbb-1 is gone", 1))).stream().map(Groups::loadingPod).toList();

        ModelDeploymentStatus status = status(all(ready(MD, 0, "aaaaa", 60), restarted));

        Condition degraded = condition(status, "Degraded");
        assertThat(degraded.getReason()).isEqualTo("GroupRestarted");
        assertThat(degraded.getMessage()).contains("group 1").contains(NAME + "-1-bbbbb-1 is gone");
        assertThat(status.getInstances().get(1).getMessage()).contains("restarted as a unit");

        List<Pod> recovered = restarted.stream().map(Groups::readyPod).toList();
        ModelDeploymentStatus after = status(all(ready(MD, 0, "aaaaa", 60), recovered));
        assertThat(after.getPhase()).isEqualTo(Phase.Running);
        assertThat(condition(after, "Degraded").getStatus()).isEqualTo("False");
    }

    @Test
    void aRestartedGroupWaitingForNodesSaysBothWhyItRestartedAndWhatHoldsItBack() {
        String why = "0/8 nodes are available: 4 Insufficient nvidia.com/gpu.";
        List<Pod> restarted = Groups.rendered(MD, 1, "ccccc", 5, Optional.of(new GroupPodRenderer.Replacement(
                "worker pod " + NAME + "-1-bbbbb-1 is gone", 1))).stream().map(p -> Groups.unschedulable(p, why)).toList();

        ModelDeploymentStatus status = status(all(ready(MD, 0, "aaaaa", 60), restarted));

        Condition degraded = condition(status, "Degraded");
        assertThat(degraded.getReason()).isEqualTo("GroupRestarted");
        assertThat(degraded.getMessage()).contains("group 1").contains(NAME + "-1-bbbbb-1 is gone").contains(why);
    }

    @Test
    void aRestartedGroupThatCrashesKeepsTheCrashAsTheReason() {
        List<Pod> restarted = Groups.rendered(MD, 1, "ccccc", 5, Optional.of(new GroupPodRenderer.Replacement(
                "worker pod " + NAME + "-1-bbbbb-1 is gone", 1))).stream().map(Groups::loadingPod).toList();
        restarted = with(restarted, 0, p -> {
            p.getStatus().getContainerStatuses().get(0).setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                    .withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off").endWaiting().build());
            return p;
        });

        Condition degraded = condition(status(all(ready(MD, 0, "aaaaa", 60), restarted)), "Degraded");

        assertThat(degraded.getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(degraded.getMessage()).contains("restarted as a unit after");
    }

    @Test
    void aSpecChangeIsNotRolledOutWhileGroupsOfTheOldSpecServe() {
        ModelDeployment old = md(2, 2);
        old.getSpec().getQuickStart().setBackendArgs(List.of("--max-model-len=1024"));

        ModelDeploymentStatus status = status(all(ready(MD, 0, "ccccc", 10), ready(old, 1, "bbbbb", 600)));

        assertThat(status.getPhase()).isEqualTo(Phase.Starting);
    }
}
