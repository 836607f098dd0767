package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.sim.engine.EngineSimulator;
import io.modeldeploy.sim.group.GroupStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIMULATED kubelet for the local harness. It registers GPU nodes with the real API server, and for
 * every pod the real scheduler binds to them it plays the kubelet: resolves the environment, starts an
 * engine simulator on the pod's own loopback IP, runs the pod's probes against it over HTTP, writes pod
 * status, and finishes graceful deletions. Faults are injected through {@link #faults()} or pod annotations.
 * Its pods resolve names through a SIMULATED cluster DNS ({@link ClusterDns}), so multi-node groups can
 * find their leader; nodes can be added and removed while it runs ({@link #addNodes}, {@link #removeNodes}).
 *
 * <p>All pod state is touched on one thread (the "kubelet loop"), so none of it needs locking.
 */
public final class NodeSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSimulator.class);
    private static final Duration NODE_RESYNC = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final NodeSimulatorConfig config;
    /** Changed on the kubelet loop only; read by informer threads too, hence synchronized. */
    private final Map<String, SimulatedNode> nodes = Collections.synchronizedMap(new LinkedHashMap<>());
    private final NodeRegistrar registrar;
    private final ContainerEnvironment environment;
    private final Prober prober = new Prober();
    private final PodAddressPool addresses = new PodAddressPool();
    private final FaultInjector faults = new FaultInjector();
    private final Map<String, SimulatedPod> pods = new HashMap<>();
    private final Map<String, Instant> terminatingSince = new HashMap<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-simulator-kubelet");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private SharedIndexInformer<Pod> podInformer;
    private SharedIndexInformer<Service> serviceInformer;
    private ClusterDns dns;
    private Instant nextNodeResync = Instant.EPOCH;

    private NodeSimulator(KubernetesClient client, NodeSimulatorConfig config) {
        this.client = client;
        this.config = config;
        this.registrar = new NodeRegistrar(client, config.gpuResourceName());
        this.environment = new ContainerEnvironment(client);
        int index = 1;
        for (NodeSimulatorConfig.NodeSpec spec : config.nodes()) {
            nodes.put(spec.name(), new SimulatedNode(spec, config.loopbackOctet(), index++));
        }
    }

    /** Registers the nodes (blocking until they are Ready and untainted), then starts playing their kubelet. */
    public static NodeSimulator start(KubernetesClient client, NodeSimulatorConfig config) {
        NodeSimulator sim = new NodeSimulator(client, config);
        sim.nodes.values().forEach(sim.registrar::ensure);
        sim.nextNodeResync = Instant.now().plus(NODE_RESYNC);
        sim.podInformer = client.pods().inAnyNamespace().inform(sim.new PodEvents(), 60_000);
        sim.serviceInformer = client.services().inAnyNamespace().inform();
        sim.dns = new ClusterDns(() -> sim.podInformer.getStore().list(),
                (namespace, name) -> sim.serviceInformer.getStore().getByKey(namespace + "/" + name));
        sim.loop.scheduleWithFixedDelay(sim::tickSafely, 0, config.tickMs(), TimeUnit.MILLISECONDS);
        LOG.info("node simulator playing kubelet for {}", sim.nodes.keySet());
        return sim;
    }

    public FaultInjector faults() {
        return faults;
    }

    public List<String> nodeNames() {
        synchronized (nodes) {
            return List.copyOf(nodes.keySet());
        }
    }

    /**
     * Registers more simulated nodes while running (blocking until they are Ready and untainted); each gets a
     * loopback /24 of its own, as the configured nodes do.
     *
     * @throws IllegalArgumentException when a name is taken or the pod network has no /24 left
     */
    public void addNodes(List<NodeSimulatorConfig.NodeSpec> specs) {
        onLoop(() -> {
            for (NodeSimulatorConfig.NodeSpec spec : specs) {
                if (nodes.containsKey(spec.name())) {
                    throw new IllegalArgumentException("simulated node " + spec.name() + " exists already");
                }
                SimulatedNode node = new SimulatedNode(spec, config.loopbackOctet(), freeNodeIndex());
                registrar.ensure(node);
                nodes.put(spec.name(), node);
                LOG.info("node simulator now also plays kubelet for {} ({}.0/24)", spec.name(),
                        node.address().substring(0, node.address().lastIndexOf('.')));
            }
            return null;
        });
    }

    /**
     * Stops playing the kubelet of these nodes and deletes their Node objects: their pods' containers stop at
     * once, and the pods stay bound to a node that is gone until the control plane's pod garbage collector or
     * their owner removes them, as when a real node disappears.
     */
    public void removeNodes(Collection<String> names) {
        onLoop(() -> {
            for (String name : names) {
                SimulatedNode node = nodes.remove(name);
                if (node == null) {
                    continue;
                }
                pods.values().removeIf(pod -> {
                    if (!pod.node().name().equals(name)) {
                        return false;
                    }
                    pod.stop();
                    addresses.release(pod.node(), pod.podIp());
                    return true;
                });
                client.nodes().withName(name).delete();
                LOG.info("node simulator removed node {}", name);
            }
            return null;
        });
    }

    /** The lowest node index (third octet of the node's /24) no node holds. */
    private int freeNodeIndex() {
        java.util.BitSet used = new java.util.BitSet();
        nodes.values().forEach(n -> used.set(n.index()));
        int index = used.nextClearBit(1);
        if (index > 250) {
            throw new IllegalArgumentException("at most 250 simulated nodes (one loopback /24 each)");
        }
        return index;
    }

    /**
     * The multi-node group view of the pod's first container that is part of a group (a Ray head or worker,
     * an SGLang rank of a {@code --nnodes > 1} launch): e.g. how many Ray nodes the leader counts.
     */
    public Optional<GroupStatus> group(String namespace, String podName) {
        return onLoop(() -> {
            SimulatedPod pod = pods.get(namespace + "/" + podName);
            return pod == null ? Optional.<GroupStatus>empty()
                    : pod.containers().stream().flatMap(c -> c.groupStatus().stream()).findFirst();
        });
    }

    /** What a simulated pod would get for the name from the SIMULATED cluster DNS now; empty when it does not resolve. */
    public Optional<String> resolve(String name) {
        return dns.resolveIp(name);
    }

    public NodeSimulatorConfig config() {
        return config;
    }

    /** Restarts every engine container of the pod: a new process, so run-time state such as loaded adapters is lost. */
    public void restartEngine(String namespace, String podName) {
        onLoop(() -> {
            SimulatedPod pod = pods.get(namespace + "/" + podName);
            Pod live = livePod(namespace, podName);
            if (pod == null || live == null) {
                throw new IllegalArgumentException("no simulated pod " + namespace + "/" + podName);
            }
            Instant now = Instant.now();
            for (SimulatedContainer c : pod.containers()) {
                if (c.engine().isPresent()) {
                    restartContainer(pod, c, live, 1, "Error", now);
                }
            }
            writeStatus(pod, now);
            return null;
        });
    }

    /** The engine simulator of the pod's first engine container, if it runs. */
    public Optional<EngineSimulator> engine(String namespace, String podName) {
        return onLoop(() -> {
            SimulatedPod pod = pods.get(namespace + "/" + podName);
            return pod == null ? Optional.<EngineSimulator>empty()
                    : pod.containers().stream().flatMap(c -> c.engine().stream()).findFirst();
        });
    }

    @Override
    public void close() {
        if (podInformer != null) {
            podInformer.close();
        }
        if (serviceInformer != null) {
            serviceInformer.close();
        }
        try {
            onLoop(() -> {
                pods.values().forEach(SimulatedPod::stop);
                pods.clear();
                return null;
            });
        } finally {
            loop.shutdownNow();
        }
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> work) {
        try {
            return loop.submit(work).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("node simulator loop did not answer", e);
        }
    }

    private final class PodEvents implements ResourceEventHandler<Pod> {
        @Override
        public void onAdd(Pod pod) {
            wake(pod);
        }

        @Override
        public void onUpdate(Pod oldPod, Pod newPod) {
            wake(newPod);
        }

        @Override
        public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
            wake(pod);
        }

        private void wake(Pod pod) {
            if (pod.getSpec().getNodeName() != null && nodes.containsKey(pod.getSpec().getNodeName())
                    && tickQueued.compareAndSet(false, true)) {
                loop.execute(NodeSimulator.this::tickSafely);
            }
        }
    }

    private void tickSafely() {
        tickQueued.set(false);
        try {
            tick(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("node simulator tick failed; retrying next tick", e);
        }
    }

    private void tick(Instant now) {
        if (now.isAfter(nextNodeResync)) {
            nextNodeResync = now.plus(NODE_RESYNC);
            List.copyOf(nodes.values()).forEach(registrar::ensure);
        }
        Map<String, Pod> bound = new HashMap<>();
        for (Pod pod : podInformer.getStore().list()) {
            if (pod.getSpec().getNodeName() != null && nodes.containsKey(pod.getSpec().getNodeName())) {
                bound.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), pod);
            }
        }
        forgetVanishedPods(bound);
        terminatingSince.keySet().retainAll(bound.values().stream().map(p -> p.getMetadata().getUid()).toList());
        for (Pod pod : bound.values()) {
            syncPod(pod, now);
        }
        runProbes(bound, now);
        for (SimulatedPod pod : pods.values()) {
            writeStatus(pod, now);
        }
    }

    private void forgetVanishedPods(Map<String, Pod> bound) {
        pods.values().removeIf(sim -> {
            Pod live = bound.get(sim.key());
            if (live != null && sim.uid().equals(live.getMetadata().getUid())) {
                return false;
            }
            sim.stop();
            addresses.release(sim.node(), sim.podIp());
            return true;
        });
    }

    private void syncPod(Pod pod, Instant now) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            terminate(key, pod, now);
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return;
        }
        SimulatedPod sim = pods.computeIfAbsent(key, k -> admit(pod, now));
        Optional<Fault> fault = faults.faultFor(pod);
        boolean restartRequested = sim.takeRestartRequest(pod);
        for (SimulatedContainer c : sim.containers()) {
            if (fault.orElse(null) == Fault.IMAGE_PULL_FAILURE && !c.everStarted()) {
                c.failImagePull(now);
            } else if (fault.orElse(null) == Fault.CRASH_LOOP) {
                c.crashLoop(now);
            } else if (c.failedAtStart()) {
                c.crashAfterStartupError(now);
            } else if (!c.isRunning()) {
                if (!c.backingOff(now)) {
                    startContainer(sim, c, pod, now, fault);
                }
            } else if (restartRequested && c.engine().isPresent()) {
                restartContainer(sim, c, pod, 1, "Error", now);
            } else {
                c.setHealthy(fault.isEmpty() || fault.get() == Fault.HEALTH_HANGS);
                c.setHealthHangs(fault.orElse(null) == Fault.HEALTH_HANGS);
            }
        }
    }

    /** A pod seen for the first time: keep the IP it already has (simulator restart) or hand out a new one. */
    private SimulatedPod admit(Pod pod, Instant now) {
        SimulatedNode node = nodes.get(pod.getSpec().getNodeName());
        String existing = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        String ip = existing != null && addresses.claim(node, existing) ? existing : addresses.allocate(node);
        LOG.info("pod {}/{} admitted on {} with IP {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                node.name(), ip);
        return new SimulatedPod(pod, node, ip, config, now, client);
    }

    private void startContainer(SimulatedPod sim, SimulatedContainer c, Pod pod, Instant now, Optional<Fault> fault) {
        try {
            Map<String, String> env = environment.resolve(pod, c.spec(), sim.podIp());
            c.start(env, sim.podIp(), sim.engineLoadDelay(), now, fault.isEmpty(), sim.volumes(), dns);
        } catch (ContainerEnvironment.ConfigError e) {
            c.failConfig(e.getMessage());
        }
    }

    private void restartContainer(SimulatedPod sim, SimulatedContainer c, Pod pod, int exitCode, String reason,
                                  Instant now) {
        c.kill(exitCode, reason, now);
        startContainer(sim, c, pod, now, faults.faultFor(pod));
        c.countRestart();
    }

    /** Stops the engines at once, then removes the pod once the termination delay has passed. */
    private void terminate(String key, Pod pod, Instant now) {
        Instant since = terminatingSince.computeIfAbsent(pod.getMetadata().getUid(), uid -> now);
        SimulatedPod sim = pods.remove(key);
        if (sim != null) {
            sim.stop();
            addresses.release(sim.node(), sim.podIp());
        }
        if (now.isBefore(since.plus(config.terminationDelay()))) {
            return;
        }
        terminatingSince.remove(pod.getMetadata().getUid());
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withGracePeriod(0).delete();
        } catch (KubernetesClientException e) {
            LOG.debug("final delete of {} failed; retrying next tick: {}", key, e.getMessage());
        }
    }

    private void runProbes(Map<String, Pod> bound, Instant now) {
        record Attempt(SimulatedPod pod, SimulatedContainer container, ProbeTracker tracker,
                       CompletableFuture<Boolean> result) {
        }
        List<Attempt> attempts = new ArrayList<>();
        for (SimulatedPod pod : pods.values()) {
            for (SimulatedContainer c : pod.containers()) {
                for (ProbeTracker t : c.dueProbes(now)) {
                    attempts.add(new Attempt(pod, c, t, probeSafely(t, c, pod)));
                }
            }
        }
        for (Attempt a : attempts) {
            boolean success = a.result().join();
            if (a.container().recordProbe(a.tracker(), success, now)) {
                Pod live = bound.get(a.pod().key());
                if (live != null) {
                    LOG.info("{} container {} failed its startup or liveness probe: restarting", a.pod().key(),
                            a.container().name());
                    restartContainer(a.pod(), a.container(), live, 137, "Error", now);
                }
            }
        }
        pods.values().forEach(p -> p.containers().forEach(SimulatedContainer::settleReadinessWithoutProbe));
    }

    private CompletableFuture<Boolean> probeSafely(ProbeTracker t, SimulatedContainer c, SimulatedPod pod) {
        try {
            return prober.probe(t.probe(), c.spec(), pod.podIp());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(false);
        }
    }

    private void writeStatus(SimulatedPod pod, Instant now) {
        PodStatus status = pod.statusToWrite(now);
        if (status == null) {
            return;
        }
        String patch = "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":" + Serialization.asJson(status) + "}]";
        try {
            client.pods().inNamespace(pod.namespace()).withName(pod.name()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), patch);
            pod.written(status);
        } catch (KubernetesClientException e) {
            LOG.debug("status write for {} failed; retrying next tick: {}", pod.key(), e.getMessage());
        }
    }

    private Pod livePod(String namespace, String name) {
        return podInformer.getStore().getByKey(namespace + "/" + name);
    }
}
