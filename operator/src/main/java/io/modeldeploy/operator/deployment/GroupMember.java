package io.modeldeploy.operator.deployment;

/**
 * One pod of a multi-node group: the group's index among the instances, the incarnation it belongs to
 * (a fresh id each time the group is created), its rank (0 = leader) and the group's size.
 */
public record GroupMember(int group, String incarnation, int rank, int size) {
    public GroupMember {
        if (rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank " + rank + " outside a group of " + size);
        }
    }

    public boolean isLeader() {
        return rank == 0;
    }

    public GroupMember leader() {
        return new GroupMember(group, incarnation, 0, size);
    }
}
