package io.modeldeploy.operator.groups;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.render.GroupPodRenderer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.modeldeploy.operator.groups.Groups.NOW;
import static io.modeldeploy.operator.groups.Groups.all;
import static io.modeldeploy.operator.groups.Groups.digest;
import static io.modeldeploy.operator.groups.Groups.md;
import static io.modeldeploy.operator.groups.Groups.ready;
import static io.modeldeploy.operator.groups.Groups.with;
import static io.modeldeploy.operator.groups.Groups.without;
import static org.assertj.core.api.Assertions.assertThat;

class GroupPlannerTest {
    private static final ModelDeployment MD = md(2, 2);
    private static final String DIGEST = digest(MD);

    private static GroupPlan plan(int wanted, List<Pod> pods) {
        return GroupPlanner.plan(wanted, 2, DIGEST, pods, NOW);
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }

    @Test
    void healthyGroupsOfTheCurrentSpecNeedNothing() {
        GroupPlan plan = plan(2, all(ready(MD, 0, "aaaaa", 600), ready(MD, 1, "bbbbb", 600)));

        assertThat(plan.changesNothing()).isTrue();
        assertThat(plan.recheckAfter()).isEmpty();
    }

    @Test
    void missingGroupsAreCreatedWhole() {
        GroupPlan plan = plan(3, ready(MD, 1, "bbbbb", 600));

        assertThat(plan.creations()).extracting(GroupPlan.Creation::group).containsExactly(0, 2);
        assertThat(plan.creations()).allSatisfy(c -> assertThat(c.replacement()).isEmpty());
        assertThat(plan.deletions()).isEmpty();
    }

    @Test
    void scalingDownDeletesWholeGroupsFromTheTop() {
        List<Pod> group1 = ready(MD, 1, "bbbbb", 600);
        GroupPlan plan = plan(1, all(ready(MD, 0, "aaaaa", 600), group1));

        assertThat(names(plan.deletions())).containsExactlyElementsOf(names(group1));
        assertThat(plan.creations()).isEmpty();
    }

    @Test
    void stoppingDeletesEveryGroup() {
        GroupPlan plan = plan(0, all(ready(MD, 0, "aaaaa", 600), ready(MD, 1, "bbbbb", 600)));

        assertThat(plan.deletions()).hasSize(4);
        assertThat(plan.creations()).isEmpty();
    }

    @Test
    void aGoneWorkerRestartsItsGroupAsAUnitAndLeavesTheOtherAlone() {
        List<Pod> group0 = ready(MD, 0, "aaaaa", 600);
        List<Pod> broken = without(ready(MD, 1, "bbbbb", 600), 1);

        GroupPlan plan = plan(2, all(group0, broken));

        assertThat(names(plan.deletions())).containsExactlyElementsOf(names(broken));
        assertThat(plan.creations()).singleElement().satisfies(c -> {
            assertThat(c.group()).isEqualTo(1);
            assertThat(c.replacement()).contains(new GroupPodRenderer.Replacement(
                    "worker pod " + MD.getMetadata().getName() + "-1-bbbbb-1 is gone", 1));
        });
        assertThat(plan.restarts()).singleElement().satisfies(r -> {
            assertThat(r.leader()).isEqualTo(MD.getMetadata().getName() + "-1-bbbbb-0");
            assertThat(r.reason()).contains("is gone");
        });
    }

    @Test
    void aRestartedContainerBreaksTheGroup() {
        List<Pod> group = with(ready(MD, 0, "aaaaa", 600), 1, p -> Groups.restarted(p, 1));

        GroupPlan plan = plan(1, group);

        assertThat(plan.deletions()).hasSize(2);
        assertThat(plan.restarts()).singleElement().satisfies(r -> assertThat(r.reason())
                .isEqualTo("container engine of pod " + MD.getMetadata().getName() + "-0-aaaaa-1 restarted (exit code 137, Error)"));
    }

    @Test
    void aGroupThatBreaksSoonAfterARestartWaitsOutItsBackoff() {
        List<Pod> group = Groups.rendered(MD, 0, "ccccc", 5,
                Optional.of(new GroupPodRenderer.Replacement("worker pod gone", 2))).stream()
                .map(Groups::readyPod).toList();
        group = with(group, 1, p -> Groups.restarted(p, 1));

        GroupPlan plan = plan(1, group);

        assertThat(plan.changesNothing()).isTrue();
        // Two quick restarts in a row: 20 s from the incarnation's creation, 5 s of which have passed.
        assertThat(plan.recheckAfter()).contains(Duration.ofSeconds(15));
    }

    @Test
    void aGroupThatLivedLongStartsItsRestartCountAgain() {
        List<Pod> group = Groups.rendered(MD, 0, "ccccc", 3600,
                Optional.of(new GroupPodRenderer.Replacement("worker pod gone", 4))).stream()
                .map(Groups::readyPod).toList();

        GroupPlan plan = plan(1, without(group, 1));

        assertThat(plan.creations()).singleElement().satisfies(c ->
                assertThat(c.replacement().orElseThrow().restarts()).isEqualTo(1));
    }

    @Test
    void aSpecChangeRollsOneServingGroupAtATime() {
        ModelDeployment old = md(2, 2);
        old.getSpec().getQuickStart().setBackendArgs(List.of("--max-model-len=1024"));
        List<Pod> pods = all(ready(old, 0, "aaaaa", 600), ready(old, 1, "bbbbb", 600));

        GroupPlan first = plan(2, pods);
        assertThat(first.creations()).extracting(GroupPlan.Creation::group).containsExactly(0);
        assertThat(first.creations().get(0).replacement().orElseThrow().reason()).isEqualTo("the spec changed");

        // Group 0 replaced and still loading: group 1 keeps serving on the old spec.
        List<Pod> rolling = all(ready(MD, 0, "ccccc", 10).stream().map(Groups::loadingPod).toList(), ready(old, 1, "bbbbb", 600));
        assertThat(plan(2, rolling).changesNothing()).isTrue();

        List<Pod> halfDone = all(ready(MD, 0, "ccccc", 10), ready(old, 1, "bbbbb", 600));
        assertThat(plan(2, halfDone).creations()).extracting(GroupPlan.Creation::group).containsExactly(1);
    }

    @Test
    void anOutdatedGroupThatDoesNotServeIsReplacedAtOnce() {
        ModelDeployment old = md(2, 2);
        old.getSpec().getQuickStart().setBackendArgs(List.of("--max-model-len=1024"));
        List<Pod> pods = all(ready(old, 0, "aaaaa", 600).stream().map(Groups::loadingPod).toList(),
                ready(old, 1, "bbbbb", 600).stream().map(Groups::loadingPod).toList());

        assertThat(plan(2, pods).creations()).extracting(GroupPlan.Creation::group).containsExactly(0, 1);
    }

    @Test
    void terminatingPodsBelongToNoGroup() {
        List<Pod> leaving = ready(MD, 0, "aaaaa", 600).stream().map(p -> {
            p.getMetadata().setDeletionTimestamp(NOW.toString());
            return p;
        }).toList();

        GroupPlan plan = plan(1, leaving);

        assertThat(plan.deletions()).isEmpty();
        assertThat(plan.creations()).extracting(GroupPlan.Creation::group).containsExactly(0);
    }

    @Test
    void backoffDoublesFromTenSecondsUpToFiveMinutes() {
        assertThat(RestartBackoff.delay(0)).isEqualTo(Duration.ZERO);
        assertThat(RestartBackoff.delay(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RestartBackoff.delay(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(RestartBackoff.delay(20)).isEqualTo(Duration.ofMinutes(5));
    }
}
