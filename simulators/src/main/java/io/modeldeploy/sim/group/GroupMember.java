package io.modeldeploy.sim.group;

/**
 * One member of a SIMULATED group as its leader knows it.
 *
 * @param id   the member's id (a Ray node id, an SGLang rank)
 * @param ip   the member's pod IP
 * @param gpus the GPUs the member brings
 */
public record GroupMember(String id, String ip, int gpus) {
}
