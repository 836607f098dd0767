package io.modeldeploy.operator.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels and annotations of multi-node instances ({@code workers > 1}): each instance is a group of pods, a
 * leader (rank 0) and workers, created together as one incarnation and replaced together.
 */
public final class GroupLabels {
    public static final String GROUP = "modeldeploy.io/group";
    public static final String INCARNATION = "modeldeploy.io/group-incarnation";
    public static final String ROLE = "modeldeploy.io/role";
    public static final String RANK = "modeldeploy.io/rank";
    public static final String LEADER = "leader";
    public static final String WORKER = "worker";
    /** Why this incarnation replaced the previous one (absent on a group's first incarnation). */
    public static final String RESTART_REASON = "modeldeploy.io/group-restart-reason";
    /** How many times in a row the group was replaced shortly after it started (drives the restart backoff). */
    public static final String RESTARTS = "modeldeploy.io/group-restarts";
    /** Digest of the group's spec (names aside): a different digest means the spec changed. */
    public static final String GROUP_DIGEST = "modeldeploy.io/group-digest";

    private GroupLabels() {
    }

    /** The leader pods of every group of the deployment: the only pods that serve clients. */
    public static Map<String, String> leaderSelector(DeploymentRef ref) {
        Map<String, String> selector = new LinkedHashMap<>(Labels.selector(ref));
        selector.put(ROLE, LEADER);
        return selector;
    }

    /** Labels that tell one incarnation of one group apart from every other pod. */
    public static Map<String, String> of(GroupMember member) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(GROUP, Integer.toString(member.group()));
        labels.put(INCARNATION, member.incarnation());
        return labels;
    }
}
