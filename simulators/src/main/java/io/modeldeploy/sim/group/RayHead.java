package io.modeldeploy.sim.group;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * SIMULATED Ray head ({@code ray start --head}): listens on podIP:port (6379 by default) with the simulated
 * group protocol of {@link GroupServer} instead of Ray's GCS, and counts the cluster's alive nodes and GPUs.
 * The head is a node of its own cluster, with the GPUs of its container.
 */
final class RayHead implements AutoCloseable {
    private final GroupServer server;
    private final int ownGpus;

    private RayHead(GroupServer server, int ownGpus) {
        this.server = server;
        this.ownGpus = ownGpus;
    }

    /** @throws IOException when the port is taken: {@code ray start --head} fails, and the script exits 1 */
    static RayHead start(InetAddress bind, int port, int ownGpus, GroupTiming timing, Consumer<GroupMember> onLost)
            throws IOException {
        AtomicInteger nodeIds = new AtomicInteger();
        GroupServer server = GroupServer.start("ray-head-" + bind.getHostAddress(), bind, port, (join, current) -> {
            String ip = join.path("ip").asText("");
            if (ip.isEmpty()) {
                throw new GroupServer.Refused("a node must give its ip");
            }
            return new GroupMember("node-" + nodeIds.incrementAndGet(), ip, join.path("gpus").asInt(0));
        }, timing, onLost);
        return new RayHead(server, ownGpus);
    }

    /** Alive nodes, the head included (what {@code ray.nodes()} counts as Alive). */
    int aliveNodes() {
        return server.size();
    }

    /** GPUs of the alive nodes, the head's included (the cluster's {@code GPU} resource). */
    int aliveGpus() {
        return ownGpus + server.members().values().stream().mapToInt(GroupMember::gpus).sum();
    }

    /** Completes once at least {@code n} nodes are alive: the leader script's {@code until} loop. */
    CompletableFuture<Void> whenAliveNodes(int n) {
        return server.whenSize(n);
    }

    @Override
    public void close() {
        server.close();
    }
}
