package io.modeldeploy.operator.groups;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.deployment.GroupLabels;
import io.modeldeploy.operator.render.GroupPodRenderer.Replacement;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, from the live pods alone, how to reach {@code wanted} healthy groups of {@code size} pods
 * rendered from {@code digest}. Pure, so every rule is unit-tested:
 * <ul>
 * <li>a missing group is created; a group beyond {@code wanted} is deleted;</li>
 * <li>a broken group (see {@link GroupHealth}) is deleted and created again, after its backoff;</li>
 * <li>a group of an older spec is replaced one group at a time while the others serve, as a Deployment
 * rolls with maxUnavailable 1; one that does not serve anyway is replaced at once.</li>
 * </ul>
 */
public final class GroupPlanner {
    private GroupPlanner() {
    }

    public static GroupPlan plan(int wanted, int size, String digest, List<Pod> pods, Instant now) {
        Map<Integer, GroupPods> groups = GroupPods.of(pods);
        List<Pod> deletions = new ArrayList<>();
        List<GroupPlan.Creation> creations = new ArrayList<>();
        List<GroupPlan.Restart> restarts = new ArrayList<>();
        Duration recheck = null;
        List<GroupPods> outdated = new ArrayList<>();
        boolean othersDisturbed = false;

        for (GroupPods group : groups.values()) {
            if (group.group() >= wanted) {
                deletions.addAll(group.pods());
            }
        }
        for (int index = 0; index < wanted; index++) {
            GroupPods group = groups.get(index);
            if (group == null) {
                creations.add(new GroupPlan.Creation(index, Optional.empty()));
                othersDisturbed = true;
                continue;
            }
            Optional<String> broken = GroupHealth.broken(group, size);
            if (broken.isPresent()) {
                othersDisturbed = true;
                Duration age = Duration.between(createdAt(group), now);
                int streak = RestartBackoff.streak(restartsOf(group), age);
                Duration wait = RestartBackoff.delay(streak).minus(age);
                if (!wait.isNegative() && !wait.isZero()) {
                    recheck = recheck == null || wait.compareTo(recheck) < 0 ? wait : recheck;
                    continue;
                }
                deletions.addAll(group.pods());
                creations.add(new GroupPlan.Creation(index, Optional.of(new Replacement(broken.get(), streak + 1))));
                restarts.add(new GroupPlan.Restart(index, group.leaderName(), broken.get()));
            } else if (!group.renderedFrom(digest)) {
                outdated.add(group);
            } else if (!GroupHealth.ready(group, size)) {
                othersDisturbed = true;
            }
        }

        // A spec change rolls group by group: replace an outdated group that serves only while no other is down.
        for (GroupPods group : outdated) {
            boolean serving = GroupHealth.ready(group, size);
            if (serving && othersDisturbed) {
                continue;
            }
            deletions.addAll(group.pods());
            creations.add(new GroupPlan.Creation(group.group(), Optional.of(new Replacement("the spec changed", 0))));
            othersDisturbed = true;
        }
        return new GroupPlan(List.copyOf(deletions), List.copyOf(creations), List.copyOf(restarts),
                Optional.ofNullable(recheck));
    }

    private static Instant createdAt(GroupPods group) {
        return group.pods().stream().map(p -> p.getMetadata().getCreationTimestamp()).filter(t -> t != null)
                .map(t -> OffsetDateTime.parse(t).toInstant()).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }

    private static int restartsOf(GroupPods group) {
        try {
            return group.annotation(GroupLabels.RESTARTS).map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
