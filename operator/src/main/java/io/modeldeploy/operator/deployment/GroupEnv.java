package io.modeldeploy.operator.deployment;

import io.fabric8.kubernetes.api.model.EnvVar;

import java.util.List;

/** Env every member of a multi-node group gets: where its leader is, how big the group is, and its own rank. */
public final class GroupEnv {
    public static final String LEADER_ADDRESS = "MODELDEPLOY_LEADER_ADDRESS";
    public static final String GROUP_SIZE = "MODELDEPLOY_GROUP_SIZE";
    public static final String NODE_RANK = "MODELDEPLOY_NODE_RANK";

    private GroupEnv() {
    }

    public static List<EnvVar> of(DeploymentRef ref, GroupMember member) {
        return List.of(
                new EnvVar(LEADER_ADDRESS, Names.leaderAddress(ref, member), null),
                new EnvVar(GROUP_SIZE, Integer.toString(member.size()), null),
                new EnvVar(NODE_RANK, Integer.toString(member.rank()), null));
    }
}
