package io.modeldeploy.sim.group;

/**
 * SIMULATED Ray worker node, as the worker script runs it:
 * {@code until ray start --address=<head>:6379 --block; do sleep 5; done}. It resolves the head's name
 * through the simulated cluster DNS, joins with its pod IP and its container's GPUs, and heartbeats; when
 * the head cannot be reached or goes away, {@code ray start --block} returns and the loop tries again, so
 * the container itself never exits.
 */
final class RayWorker implements AutoCloseable {
    private final MemberLoop loop;

    private RayWorker(MemberLoop loop) {
        this.loop = loop;
    }

    static RayWorker start(String headHost, int headPort, String ownIp, int gpus, Resolver resolver, GroupTiming timing) {
        var join = GroupServer.JSON.createObjectNode().put("ip", ownIp).put("gpus", gpus);
        MemberLoop loop = new MemberLoop("ray-worker-" + ownIp, headHost, headPort, join, resolver, timing,
                MemberLoop.OnLoss.RETRY, () -> { });
        loop.start();
        return new RayWorker(loop);
    }

    MemberLoop loop() {
        return loop;
    }

    @Override
    public void close() {
        loop.close();
    }
}
