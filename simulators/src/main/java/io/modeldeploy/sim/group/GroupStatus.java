package io.modeldeploy.sim.group;

import java.util.Optional;

/**
 * What a SIMULATED multi-node group member reports about itself, for tests.
 *
 * @param role         which part of the group this container plays
 * @param expectedSize the group size the leader waits for ({@code MODELDEPLOY_GROUP_SIZE} / {@code --nnodes}); 1 for members
 * @param members      leaders: alive members, themselves included (Ray: alive nodes); members: 1 when joined, else 0
 * @param gpus         Ray head: GPUs of the alive Ray nodes; others: the container's own GPUs
 * @param formed       leaders: the group reached its size and the engine went on to load; members: joined
 * @param joinAttempts members: how often they tried to join so far; leaders: 0
 * @param problem      why a member is not joined now (unresolvable name, refused join, ...), or why the process exited
 */
public record GroupStatus(Role role, int expectedSize, int members, int gpus, boolean formed, int joinAttempts,
                          Optional<String> problem) {

    public enum Role { RAY_HEAD, RAY_WORKER, SGLANG_RANK0, SGLANG_RANK }
}
