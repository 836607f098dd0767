package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.deployment.DeploymentRef;
import io.modeldeploy.operator.deployment.GroupLabels;
import io.modeldeploy.operator.groups.Groups;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Group pod management against an in-memory API server: what it creates and deletes, and on which view. */
class MultiNodeGroupsTest {
    private static final Clock CLOCK = Clock.fixed(Groups.NOW, ZoneOffset.UTC);

    /** Pods by name, as the API server holds them; counts the calls made. */
    private static final class FakePods implements GroupPodApi {
        final Map<String, Pod> pods = new LinkedHashMap<>();
        final List<String> created = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        int lists;

        FakePods(List<Pod> initial) {
            initial.forEach(p -> pods.put(p.getMetadata().getName(), p));
        }

        /** As the real one: only the pods {@code ref} controls. */
        @Override
        public List<Pod> list(DeploymentRef ref) {
            lists++;
            return pods.values().stream().filter(p -> ControllerOwner.is(p, ref.uid())).toList();
        }

        /** As the real one: a pod of that name under another controller, or none, is a conflict. */
        @Override
        public void create(Pod pod) {
            Pod existing = pods.get(pod.getMetadata().getName());
            if (existing != null && !ControllerOwner.same(pod, existing)) {
                throw new ResourceConflict(existing);
            }
            created.add(pod.getMetadata().getName());
            pods.putIfAbsent(pod.getMetadata().getName(), pod);
        }

        @Override
        public void delete(Pod pod) {
            deleted.add(pod.getMetadata().getName());
            pods.remove(pod.getMetadata().getName());
        }
    }

    private static MultiNodeGroups groups(String... incarnations) {
        Iterator<String> ids = List.of(incarnations).iterator();
        return new MultiNodeGroups(Fixtures.settings(), CLOCK, ids::next);
    }

    @Test
    void nothingToDoReadsOnlyTheCache() {
        ModelDeployment md = Groups.md(2, 1);
        List<Pod> group = Groups.ready(md, 0, "aaaaa", 600);
        FakePods api = new FakePods(group);

        MultiNodeGroups.Synced synced = groups().sync(Fixtures.resolve(md), group, Fixtures.apiKeyRef(), api);

        assertThat(api.lists).isZero();
        assertThat(api.created).isEmpty();
        assertThat(synced.restarts()).isEmpty();
    }

    @Test
    void aCacheThatMissesAFreshGroupCreatesNoSecondOne() {
        ModelDeployment md = Groups.md(2, 1);
        FakePods api = new FakePods(Groups.ready(md, 0, "aaaaa", 1));

        MultiNodeGroups.Synced synced = groups("bbbbb").sync(Fixtures.resolve(md), List.of(), Fixtures.apiKeyRef(), api);

        assertThat(api.created).isEmpty();
        assertThat(synced.pods()).hasSize(2);
    }

    @Test
    void aMissingGroupIsCreatedWholeLeaderFirst() {
        ModelDeployment md = Groups.md(3, 1);
        FakePods api = new FakePods(List.of());

        groups("ccccc").sync(Fixtures.resolve(md), List.of(), Fixtures.apiKeyRef(), api);

        String name = md.getMetadata().getName();
        assertThat(api.created).containsExactly(name + "-0-ccccc-0", name + "-0-ccccc-1", name + "-0-ccccc-2");
    }

    @Test
    void aGroupWithAGoneWorkerIsReplacedAndTheRestartReported() {
        ModelDeployment md = Groups.md(2, 1);
        List<Pod> broken = Groups.without(Groups.ready(md, 0, "aaaaa", 600), 1);
        FakePods api = new FakePods(broken);

        MultiNodeGroups.Synced synced = groups("ddddd").sync(Fixtures.resolve(md), broken, Fixtures.apiKeyRef(), api);

        String name = md.getMetadata().getName();
        assertThat(api.deleted).containsExactly(name + "-0-aaaaa-0");
        assertThat(api.created).containsExactly(name + "-0-ddddd-0", name + "-0-ddddd-1");
        assertThat(api.pods.get(name + "-0-ddddd-1").getMetadata().getAnnotations())
                .containsEntry(GroupLabels.RESTART_REASON, "worker pod " + name + "-0-aaaaa-1 is gone");
        assertThat(synced.restarts()).singleElement().satisfies(r -> assertThat(r.message())
                .isEqualTo("group 0 (leader " + name + "-0-aaaaa-0) restarts as a unit: worker pod " + name + "-0-aaaaa-1 is gone"));
        assertThat(synced.pods()).extracting(p -> p.getMetadata().getName())
                .containsExactly(name + "-0-ddddd-0", name + "-0-ddddd-1");
    }

    /** A pod someone else made, labelled like member {@code rank} of group 0 incarnation {@code incarnation}. */
    private static Pod squatter(ModelDeployment md, String incarnation, int rank) {
        Pod pod = Groups.ready(md, 0, incarnation, 600).get(rank);
        pod.getMetadata().setOwnerReferences(List.of());
        pod.getMetadata().setUid("squatter-uid-" + rank);
        return pod;
    }

    @Test
    void aPodOfTheWantedNameThatThisDeploymentDoesNotControlIsAConflictAndStaysAsItIs() {
        ModelDeployment md = Groups.md(2, 1);
        Pod theirs = squatter(md, "aaaaa", 1);
        Pod before = io.fabric8.kubernetes.client.utils.Serialization.clone(theirs);
        FakePods api = new FakePods(List.of(theirs));

        assertThatThrownBy(() -> groups("aaaaa").sync(Fixtures.resolve(md), List.of(theirs), Fixtures.apiKeyRef(), api))
                .isInstanceOf(ResourceConflict.class)
                .hasMessageStartingWith("Pod " + theirs.getMetadata().getName() + " already exists and is not managed");
        assertThat(api.deleted).isEmpty();
        assertThat(api.pods.get(theirs.getMetadata().getName())).isEqualTo(before);
    }

    @Test
    void aPodLabelledAsAGroupMemberButNotControlledByThisDeploymentIsNeverPlannedWithNorDeleted() {
        ModelDeployment md = Groups.md(2, 1);
        // Labelled as a broken leftover of group 0: the planner would delete it if it were this deployment's.
        Pod theirs = Groups.restarted(squatter(md, "zzzzz", 0), 9);
        FakePods api = new FakePods(List.of(theirs));

        MultiNodeGroups.Synced synced = groups("bbbbb").sync(Fixtures.resolve(md), List.of(theirs), Fixtures.apiKeyRef(), api);

        assertThat(api.deleted).isEmpty();
        assertThat(api.created).containsExactly(NAME_PREFIX + "0-bbbbb-0", NAME_PREFIX + "0-bbbbb-1");
        assertThat(synced.pods()).extracting(p -> p.getMetadata().getName()).doesNotContain(theirs.getMetadata().getName());
        assertThat(api.pods).containsKey(theirs.getMetadata().getName());
    }

    private static final String NAME_PREFIX = Fixtures.NAME + "-";
}
