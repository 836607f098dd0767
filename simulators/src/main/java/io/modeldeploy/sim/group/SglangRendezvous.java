package io.modeldeploy.sim.group;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * SIMULATED rendezvous of a multi-node SGLang launch, held by rank 0 on podIP:port of its
 * {@code --dist-init-addr} (the real one is torch's TCPStore, then NCCL). Ranks 1..nnodes-1 join with
 * their rank and {@code --nnodes}; a rank out of range, a rank that already joined from another address,
 * or a different {@code --nnodes} is refused, as the real rendezvous fails on such a launch.
 */
final class SglangRendezvous implements AutoCloseable {
    private final GroupServer server;
    private final int nnodes;

    private SglangRendezvous(GroupServer server, int nnodes) {
        this.server = server;
        this.nnodes = nnodes;
    }

    static SglangRendezvous start(InetAddress bind, int port, int nnodes, GroupTiming timing,
                                  Consumer<GroupMember> onLost) throws IOException {
        GroupServer server = GroupServer.start("sglang-rank0-" + bind.getHostAddress(), bind, port, (join, current) -> {
            int rank = join.path("rank").asInt(-1);
            int theirNnodes = join.path("nnodes").asInt(-1);
            String ip = join.path("ip").asText("");
            if (theirNnodes != nnodes) {
                throw new GroupServer.Refused("rank " + rank + " was launched with --nnodes " + theirNnodes
                        + " but rank 0 with --nnodes " + nnodes);
            }
            if (rank < 1 || rank >= nnodes) {
                throw new GroupServer.Refused("--node-rank " + rank + " is out of range 1.." + (nnodes - 1));
            }
            GroupMember existing = current.get(Integer.toString(rank));
            if (existing != null && !existing.ip().equals(ip)) {
                throw new GroupServer.Refused("duplicate --node-rank " + rank + ": already joined from " + existing.ip());
            }
            return new GroupMember(Integer.toString(rank), ip, join.path("gpus").asInt(0));
        }, timing, onLost);
        return new SglangRendezvous(server, nnodes);
    }

    /** Ranks present, rank 0 included. */
    int joinedRanks() {
        return server.size();
    }

    /** Completes once every rank has joined. */
    CompletableFuture<Void> whenComplete() {
        return server.whenSize(nnodes);
    }

    @Override
    public void close() {
        server.close();
    }
}
