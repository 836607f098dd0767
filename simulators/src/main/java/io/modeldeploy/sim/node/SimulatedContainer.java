package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.modeldeploy.sim.engine.ContainerLaunch;
import io.modeldeploy.sim.engine.EngineArgumentError;
import io.modeldeploy.sim.engine.EngineOptions;
import io.modeldeploy.sim.engine.EngineSimulator;
import io.modeldeploy.sim.engine.ImageTag;
import io.modeldeploy.sim.group.ContainerProcess;
import io.modeldeploy.sim.group.GroupStatus;
import io.modeldeploy.sim.group.GroupTiming;
import io.modeldeploy.sim.group.Resolver;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One container as the simulated kubelet runs it. An engine container (vLLM or SGLang, recognised
 * from its command, args and env) runs as an in-process {@link EngineSimulator} bound to the pod IP, or,
 * in a multi-node group, as its part of the group ({@link ContainerProcess}: Ray head or worker, SGLang
 * rank); any other container "runs" without a process, so only probe-less sidecars become ready.
 * All methods run on the simulator's single kubelet thread.
 */
final class SimulatedContainer {
    private static final Duration CRASH_BACKOFF = Duration.ofSeconds(2);

    private final Container spec;
    private final NodeSimulatorConfig config;
    private ContainerProcess process;
    private AdapterSyncSimulator adapterSync;
    private String containerId;

    private ContainerState state;
    private ContainerState lastState;
    private int restartCount;
    private boolean everStarted;
    private boolean started;
    private boolean ready;
    private Instant nextCrashAt;

    private ProbeTracker startup;
    private ProbeTracker readiness;
    private ProbeTracker liveness;

    SimulatedContainer(Container spec, NodeSimulatorConfig config) {
        this.spec = spec;
        this.config = config;
        this.state = waiting("ContainerCreating", null);
    }

    String name() {
        return spec.getName();
    }

    Container spec() {
        return spec;
    }

    boolean isRunning() {
        return state.getRunning() != null;
    }

    boolean everStarted() {
        return everStarted;
    }

    boolean ready() {
        return ready;
    }

    Optional<EngineSimulator> engine() {
        return process == null ? Optional.empty() : process.engine();
    }

    Optional<GroupStatus> groupStatus() {
        return process == null ? Optional.empty() : process.groupStatus();
    }

    /**
     * Starts the container's process (the engine simulator or its part of a multi-node group, if it is an engine).
     *
     * @param resolver the simulated cluster DNS, for members that look up their group's leader
     */
    void start(Map<String, String> env, String podIp, Duration loadDelay, Instant now, boolean healthy, PodVolumes volumes,
               Resolver resolver) {
        List<String> command = ContainerEnvironment.expandAll(spec.getCommand(), env);
        List<String> args = ContainerEnvironment.expandAll(spec.getArgs(), env);
        ContainerLaunch launch;
        try {
            launch = ContainerLaunch.parse(spec.getImage(), command, args, env);
        } catch (EngineArgumentError refused) {
            // argparse writes its error line to stderr and exits with status 2; a kubelet keeps that log's
            // tail as the termination message only when the container asks for it
            crash(EngineArgumentError.EXIT_CODE,
                    "FallbackToLogsOnError".equals(spec.getTerminationMessagePolicy()) ? refused.getMessage() : null, now);
            return;
        } catch (IllegalArgumentException badFlags) {
            // The real engine exits at once on arguments it cannot use.
            crash("engine refused its arguments: " + badFlags.getMessage(), now);
            return;
        }
        if (!launch.isEmpty()) {
            process = ContainerProcess.start(launch, env, new EngineOptions(SimulatedNode.inet(podIp), loadDelay,
                    ImageTag.version(spec.getImage()), volumes.existingFor(spec)), gpuLimit(),
                    resolver, GroupTiming.scaled(config.timeScale()));
            process.engine().ifPresent(e -> e.setHealthy(healthy));
        }
        if (launch.isEmpty() && AdapterSyncSimulator.runs(spec, command, env)) {
            try {
                // Downloads take a fraction of a model load: long enough to be seen as Downloading.
                adapterSync = AdapterSyncSimulator.start(spec, env, SimulatedNode.inet(podIp), volumes,
                        loadDelay.dividedBy(2));
            } catch (java.io.IOException e) {
                crash("adapter-sync could not listen: " + e.getMessage(), now);
                return;
            }
        }
        containerId = "sim://" + UUID.randomUUID();
        state = new ContainerStateBuilder().withNewRunning().withStartedAt(timestamp(now)).endRunning().build();
        everStarted = true;
        started = spec.getStartupProbe() == null;
        ready = false;
        startup = spec.getStartupProbe() == null ? null : new ProbeTracker(spec.getStartupProbe(), now, config);
        readiness = spec.getReadinessProbe() == null ? null : new ProbeTracker(spec.getReadinessProbe(), now, config);
        liveness = spec.getLivenessProbe() == null ? null : new ProbeTracker(spec.getLivenessProbe(), now, config);
        nextCrashAt = null;
    }

    /** Kills the process; {@code exitCode} and {@code reason} become lastState, as the kubelet reports a restart. */
    void kill(int exitCode, String reason, Instant now) {
        stopEngine();
        if (state.getRunning() != null) {
            lastState = new ContainerStateBuilder().withNewTerminated()
                    .withExitCode(exitCode).withReason(reason)
                    .withStartedAt(state.getRunning().getStartedAt()).withFinishedAt(timestamp(now))
                    .withContainerID(containerId)
                    .endTerminated().build();
        }
        state = waiting("ContainerCreating", null);
        started = false;
        ready = false;
    }

    /** Counts a restart after {@link #kill}; the next start is a new process, so run-time engine state is gone. */
    void countRestart() {
        restartCount++;
    }

    void failImagePull(Instant now) {
        stopEngine();
        boolean firstAttempt = state.getWaiting() == null || !"ErrImagePull".equals(state.getWaiting().getReason())
                && !"ImagePullBackOff".equals(state.getWaiting().getReason());
        state = firstAttempt
                ? waiting("ErrImagePull", "rpc error: code = NotFound desc = failed to pull and unpack image \""
                        + spec.getImage() + "\": not found (simulated)")
                : waiting("ImagePullBackOff", "Back-off pulling image \"" + spec.getImage() + "\"");
        ready = false;
    }

    void failConfig(String message) {
        state = waiting("CreateContainerConfigError", message);
        ready = false;
    }

    /** The process exits at once after every start, with a growing restart count and a back-off between. */
    void crashLoop(Instant now) {
        crash("engine exited with code 1 (simulated crash)", now);
    }

    /**
     * The main process exited: the engine died at start (it could not parse its flags or load its startup
     * adapters, or its group has too few GPUs), or a group member lost or was refused by its leader: exit code 1.
     */
    boolean failedAtStart() {
        return process != null && process.exitReason().isPresent();
    }

    void crashAfterStartupError(Instant now) {
        String why = process.exitReason().orElse("engine failed to start");
        crash(why, now);
    }

    /** The GPUs the container asked for (limits, as the device plugin allocates them); 0 when none. */
    private int gpuLimit() {
        Map<String, Quantity> limits = spec.getResources() == null ? null : spec.getResources().getLimits();
        Quantity gpus = limits == null ? null : limits.get(config.gpuResourceName());
        try {
            return gpus == null ? 0 : Integer.parseInt(gpus.getAmount());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void crash(String message, Instant now) {
        crash(1, message, now);
    }

    private void crash(int exitCode, String message, Instant now) {
        if (nextCrashAt != null && now.isBefore(nextCrashAt)) {
            return;
        }
        stopEngine();
        Instant startedAt = now.minusMillis(100);
        lastState = new ContainerStateBuilder().withNewTerminated()
                .withExitCode(exitCode).withReason("Error")
                .withMessage(message)
                .withStartedAt(timestamp(startedAt)).withFinishedAt(timestamp(now))
                .endTerminated().build();
        if (everStarted || nextCrashAt != null) {
            restartCount++;
        }
        everStarted = true;
        state = waiting("CrashLoopBackOff", "back-off " + CRASH_BACKOFF.toSeconds() + "s restarting failed container="
                + spec.getName());
        started = false;
        ready = false;
        nextCrashAt = now.plus(CRASH_BACKOFF);
    }

    /** After a crash the kubelet waits out a back-off before it starts the container again. */
    boolean backingOff(Instant now) {
        return inCrashLoop() && nextCrashAt != null && now.isBefore(nextCrashAt);
    }

    boolean inCrashLoop() {
        return state.getWaiting() != null && "CrashLoopBackOff".equals(state.getWaiting().getReason());
    }

    void setHealthy(boolean healthy) {
        engine().ifPresent(e -> e.setHealthy(healthy));
    }

    void setHealthHangs(boolean hangs) {
        engine().ifPresent(e -> e.setHealthHangs(hangs));
    }

    /** The probes due now, or none; the caller runs them and hands back the results. */
    List<ProbeTracker> dueProbes(Instant now) {
        if (!isRunning()) {
            return List.of();
        }
        if (!started) {
            return startup != null && startup.due(now) ? List.of(startup) : List.of();
        }
        return java.util.stream.Stream.of(readiness, liveness)
                .filter(t -> t != null && t.due(now))
                .toList();
    }

    /** @return true when the kubelet must restart the container (startup or liveness probe failed). */
    boolean recordProbe(ProbeTracker tracker, boolean success, Instant now) {
        ProbeTracker.Verdict verdict = tracker.record(success, now);
        if (tracker == startup) {
            if (verdict == ProbeTracker.Verdict.PASSING) {
                started = true;
            }
            return verdict == ProbeTracker.Verdict.FAILING;
        }
        if (tracker == readiness) {
            if (verdict != ProbeTracker.Verdict.UNDECIDED) {
                ready = verdict == ProbeTracker.Verdict.PASSING;
            }
            return false;
        }
        return tracker == liveness && verdict == ProbeTracker.Verdict.FAILING;
    }

    /** Without a readiness probe a running, started container is ready, as with the kubelet. */
    void settleReadinessWithoutProbe() {
        if (readiness == null && isRunning()) {
            ready = started;
        }
    }

    ContainerStatus status() {
        return new ContainerStatusBuilder()
                .withName(spec.getName())
                .withImage(spec.getImage())
                .withImageID(everStarted ? "sim://" + spec.getImage() : "")
                .withContainerID(isRunning() ? containerId : null)
                .withState(state)
                .withLastState(lastState == null ? new ContainerState() : lastState)
                .withReady(ready)
                .withStarted(isRunning() && started)
                .withRestartCount(restartCount)
                .build();
    }

    void stopEngine() {
        if (process != null) {
            process.close();
            process = null;
        }
        if (adapterSync != null) {
            adapterSync.close();
            adapterSync = null;
        }
    }

    private static ContainerState waiting(String reason, String message) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
    }

    static String timestamp(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
