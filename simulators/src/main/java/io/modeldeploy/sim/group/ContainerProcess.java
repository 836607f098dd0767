package io.modeldeploy.sim.group;

import io.modeldeploy.sim.engine.ContainerLaunch;
import io.modeldeploy.sim.engine.EngineKind;
import io.modeldeploy.sim.engine.EngineLaunch;
import io.modeldeploy.sim.engine.EngineOptions;
import io.modeldeploy.sim.engine.EngineSimulator;
import io.modeldeploy.sim.engine.RayStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The SIMULATED processes of one engine container: a single-node engine, or its part in a multi-node group.
 * <ul>
 *   <li>vLLM leader ({@code ray start --head} then the engine): a {@link RayHead}; the engine starts once
 *       {@code MODELDEPLOY_GROUP_SIZE} nodes are alive (the script's {@code until} loop), and exits if
 *       tensor x pipeline parallel exceeds the cluster's GPUs.</li>
 *   <li>vLLM worker ({@code ray start --address=...}): a {@link RayWorker}, no engine.</li>
 *   <li>SGLang with {@code --nnodes > 1}: rank 0 holds the {@link SglangRendezvous} and serves the API once
 *       every rank joined; other ranks are {@link SglangFollower}s.</li>
 * </ul>
 * A leader that loses a member after its group formed keeps running with a dead engine ({@link EngineSimulator#die}),
 * as vLLM does when a Ray node dies and SGLang when an NCCL peer goes away.
 */
public final class ContainerProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerProcess.class);
    public static final String GROUP_SIZE_ENV = "MODELDEPLOY_GROUP_SIZE";

    private final int gpus;
    private GroupStatus.Role role;
    private int expectedSize = 1;
    private EngineSimulator engine;
    private RayHead rayHead;
    private RayWorker rayWorker;
    private SglangRendezvous rendezvous;
    private SglangFollower follower;
    private final CompletableFuture<Void> formed = new CompletableFuture<>();
    private volatile String exitReason;

    private ContainerProcess(int gpus) {
        this.gpus = gpus;
    }

    /**
     * @param gpus the container's GPU limit (0 when it asks for none)
     * @param resolver the simulated cluster DNS the container's processes resolve names through
     */
    public static ContainerProcess start(ContainerLaunch launch, Map<String, String> env, EngineOptions options,
                                         int gpus, Resolver resolver, GroupTiming timing) {
        ContainerProcess process = new ContainerProcess(gpus);
        try {
            process.launch(launch, env, options, resolver, timing);
        } catch (IllegalArgumentException badFlags) {
            process.exit(badFlags.getMessage());
        }
        return process;
    }

    private void launch(ContainerLaunch launch, Map<String, String> env, EngineOptions options, Resolver resolver,
                        GroupTiming timing) {
        InetAddress podIp = options.bindAddress();
        if (launch.ray().isPresent()) {
            RayStart ray = launch.ray().get();
            if (ray.head()) {
                startRayLeader(ray, launch.engine(), env, options, timing);
            } else {
                role = GroupStatus.Role.RAY_WORKER;
                rayWorker = RayWorker.start(ray.headHost().orElseThrow(), ray.port(), podIp.getHostAddress(), gpus,
                        resolver, timing);
            }
            return;
        }
        if (launch.engine().isEmpty()) {
            return;
        }
        EngineLaunch e = launch.engine().get();
        if (e.kind() == EngineKind.VLLM) {
            Optional<String> problem = ParallelismCheck.vllmLocal(e.tensorParallelSize(), e.pipelineParallelSize(),
                    e.flag("distributed-executor-backend"), gpus);
            if (problem.isPresent()) {
                exit(problem.get());
                return;
            }
            engine = EngineSimulator.start(e, options);
            return;
        }
        startSglang(e, options, resolver, timing);
    }

    private void startRayLeader(RayStart ray, Optional<EngineLaunch> engineLaunch, Map<String, String> env,
                                EngineOptions options, GroupTiming timing) {
        role = GroupStatus.Role.RAY_HEAD;
        expectedSize = intEnv(env, GROUP_SIZE_ENV, 1);
        try {
            rayHead = RayHead.start(options.bindAddress(), ray.port(), gpus, timing, this::memberLost);
        } catch (IOException e) {
            exit("ray start --head failed: cannot listen on " + options.bindAddress().getHostAddress() + ":" + ray.port()
                    + " (" + e.getMessage() + ")");
            return;
        }
        if (engineLaunch.isEmpty()) {
            return;
        }
        EngineLaunch e = engineLaunch.get();
        CompletableFuture<Optional<String>> gate = rayHead.whenAliveNodes(expectedSize).thenApply(ready -> {
            formed.complete(null);
            return ParallelismCheck.vllmLocal(e.tensorParallelSize(), e.pipelineParallelSize(),
                            e.flag("distributed-executor-backend"), gpus)
                    .or(() -> ParallelismCheck.vllmOnRay(e.tensorParallelSize(), e.pipelineParallelSize(),
                            rayHead.aliveGpus()));
        });
        engine = EngineSimulator.start(e, options, gate);
    }

    private void startSglang(EngineLaunch e, EngineOptions options, Resolver resolver, GroupTiming timing) {
        int nnodes = e.intFlag(1, "nnodes");
        int rank = e.intFlag(0, "node-rank");
        Optional<String> problem = ParallelismCheck.sglang(e.tensorParallelSize(), nnodes, rank, gpus);
        if (problem.isPresent()) {
            exit(problem.get());
            return;
        }
        if (nnodes == 1) {
            engine = EngineSimulator.start(e, options);
            return;
        }
        String dist = e.flag("dist-init-addr").orElse("");
        int colon = dist.lastIndexOf(':');
        if (colon <= 0) {
            exit("--dist-init-addr <host>:<port> is required with --nnodes " + nnodes + ", got '" + dist + "'");
            return;
        }
        String host = dist.substring(0, colon);
        int port = Integer.parseInt(dist.substring(colon + 1));
        expectedSize = nnodes;
        if (rank == 0) {
            role = GroupStatus.Role.SGLANG_RANK0;
            try {
                rendezvous = SglangRendezvous.start(options.bindAddress(), port, nnodes, timing, this::memberLost);
            } catch (IOException ex) {
                exit("cannot listen on --dist-init-addr port " + port + ": " + ex.getMessage());
                return;
            }
            engine = EngineSimulator.start(e, options, rendezvous.whenComplete().thenApply(v -> {
                formed.complete(null);
                return Optional.empty();
            }));
        } else {
            role = GroupStatus.Role.SGLANG_RANK;
            expectedSize = 1;
            follower = SglangFollower.start(host, port, rank, nnodes, options.bindAddress(), e.port(), gpus, resolver,
                    timing);
        }
    }

    /** Before the group formed a lost member only delays it; afterwards the engine loses GPUs it runs on. */
    private void memberLost(GroupMember member) {
        EngineSimulator running = engine;
        if (running == null || !formed.isDone()) {
            return;
        }
        running.die(role == GroupStatus.Role.RAY_HEAD
                ? "Ray node " + member.ip() + " (" + member.id() + ") died: a RayWorkerWrapper of the engine's "
                        + "placement group is gone (simulated)"
                : "NCCL peer rank " + member.id() + " at " + member.ip() + " is gone: the scheduler exits (simulated)");
    }

    /** The engine simulator this container runs, if any (a leader's or a single node's; never a worker's). */
    public Optional<EngineSimulator> engine() {
        return Optional.ofNullable(engine);
    }

    /** Why the container's main process exited, if it did (a failed launch check, a refused or lost member). */
    public Optional<String> exitReason() {
        return Optional.ofNullable(exitReason)
                .or(() -> engine == null ? Optional.empty() : engine.startupError())
                .or(() -> follower == null ? Optional.empty() : follower.exitReason());
    }

    /** The group view of a multi-node container; empty for a single-node engine or a sidecar. */
    public Optional<GroupStatus> groupStatus() {
        if (role == null) {
            return Optional.empty();
        }
        boolean isFormed = formed.isDone();
        return Optional.of(switch (role) {
            case RAY_HEAD -> new GroupStatus(role, expectedSize, rayHead == null ? 0 : rayHead.aliveNodes(),
                    rayHead == null ? 0 : rayHead.aliveGpus(), isFormed, 0, exitReason());
            case SGLANG_RANK0 -> new GroupStatus(role, expectedSize, rendezvous == null ? 0 : rendezvous.joinedRanks(),
                    gpus, isFormed, 0, exitReason());
            case RAY_WORKER -> memberStatus(rayWorker.loop());
            case SGLANG_RANK -> memberStatus(follower.loop());
        });
    }

    private GroupStatus memberStatus(MemberLoop loop) {
        return new GroupStatus(role, 1, loop.joined() ? 1 : 0, gpus, loop.joined(), loop.joinAttempts(),
                exitReason().or(loop::lastProblem));
    }

    private void exit(String why) {
        exitReason = why;
        LOG.warn("container process exits: {}", why);
    }

    private static int intEnv(Map<String, String> env, String name, int fallback) {
        try {
            return Integer.parseInt(env.getOrDefault(name, Integer.toString(fallback)).trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
        for (AutoCloseable part : new AutoCloseable[] {rayHead, rayWorker, rendezvous, follower}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    LOG.debug("closing {} failed", part, e);
                }
            }
        }
    }
}
