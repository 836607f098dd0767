package io.modeldeploy.e2e.multinode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.sim.testing.MultiNodeContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-node instances end to end: groups of pods placed by the REAL scheduler on four SIMULATED H200
 * nodes added for this class, vLLM leaders whose SIMULATED Ray head waits for its workers, SGLang ranks
 * meeting at the leader's address through the SIMULATED cluster DNS.
 */
class MultiNodeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> NODES = List.of("sim-h200-0", "sim-h200-1", "sim-h200-2", "sim-h200-3");

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.withOperator("multinode").withGpuNodes("NVIDIA-H200", 8, NODES);

    /** Every test leaves the H200 nodes empty for the next. */
    @AfterEach
    void deleteModelDeployments() {
        ns.mds().delete();
        Await.until("all pods gone", TIMEOUT, () -> ns.client().pods().inNamespace(ns.name()).list().getItems().isEmpty() ? true : null);
    }

    @Test
    void theSampleServesThroughItsLeader() {
        ns.applySample("multinode-vllm.yaml");
        ModelDeploymentView md = ns.awaitPhase("llama-405b", "Running");

        assertThat(md.instances()).singleElement().satisfies(i -> {
            assertThat((String) i.get("instanceId")).startsWith("llama-405b-0-").endsWith("-0");
            assertThat(workers(i)).singleElement().satisfies(w -> assertThat(w).containsEntry("ready", true).containsEntry("rank", 1));
        });
        String leader = (String) md.instances().get(0).get("instanceId");
        var answer = ns.engineOf(leader, ns.apiKey("llama-405b")).chat("llama-405b", "hello from two nodes");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void twoVllmGroupsOfTwoSpreadOverFourNodesServeRestartAndScaleAsUnits() {
        Groups groups = twoGroupsOfTwo("mn-vllm", "vllm");
        ModelDeploymentView md = groups.md();
        String key = ns.apiKey("mn-vllm");

        assertThat(groups.pods().stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()))
                .as("the real scheduler honours the groups' anti-affinity").hasSize(4).allMatch(NODES::contains);
        for (Map<String, Object> instance : md.instances()) {
            String leaderName = (String) instance.get("instanceId");
            Pod leader = ns.pod(leaderName);
            Container engine = leader.getSpec().getContainers().get(0);
            assertThat(engine.getCommand()).startsWith("/bin/sh", "-c");
            // The script the simulator's tests run is the one the operator renders.
            assertThat(engine.getCommand().get(2)).isEqualTo(MultiNodeContract.LEADER_SCRIPT);
            assertThat(engine.getArgs()).containsSequence("--tensor-parallel-size", "8")
                    .containsSequence("--pipeline-parallel-size", "2").containsSequence("--distributed-executor-backend", "ray");
            Pod worker = ns.pod((String) workers(instance).get(0).get("pod"));
            Container workerEngine = worker.getSpec().getContainers().get(0);
            assertThat(workerEngine.getCommand().get(2)).isEqualTo(MultiNodeContract.WORKER_SCRIPT);
            assertThat(env(worker, "MODELDEPLOY_LEADER_ADDRESS")).isEqualTo(leaderName + ".mn-vllm-leaders." + ns.name() + ".svc");
            assertThat(env(worker, "MODELDEPLOY_GROUP_SIZE")).isEqualTo("2");
            assertThat(worker.getSpec().getNodeName()).isNotEqualTo(leader.getSpec().getNodeName());
            var answer = ns.engineOf(leaderName, key).chat("mn-vllm", "hello group");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        // The client Service reaches leaders only: its selector, evaluated by the real API server, picks
        // exactly the leaders (the endpoints controller cannot show it here: Endpoints refuse loopback pod IPs).
        Map<String, String> selector = ns.client().services().inNamespace(ns.name()).withName("mn-vllm").get().getSpec().getSelector();
        Set<String> selected = ns.client().pods().inNamespace(ns.name()).withLabels(selector).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        assertThat(selected).isEqualTo(md.instances().stream().map(i -> (String) i.get("instanceId")).collect(Collectors.toSet()));

        killAWorkerAndWatchItsGroupRecoverWhileTheOtherServes(md, key);

        ns.harness().kubectl().ok("scale", "-n", ns.name(), "md/mn-vllm", "--replicas=1");
        Await.until("one group", TIMEOUT, () -> {
            ModelDeploymentView now = ns.md("mn-vllm");
            return "Running".equals(now.phase()) && now.instances().size() == 1 && pods("mn-vllm").size() == 2 ? now : null;
        });
        ns.harness().kubectl().ok("scale", "-n", ns.name(), "md/mn-vllm", "--replicas=2");
        awaitGroups("mn-vllm", 2);

        ns.patchSpec("mn-vllm", Map.of("stopped", true));
        ns.awaitPhase("mn-vllm", "Stopped");
        assertThat(pods("mn-vllm")).isEmpty();
        ns.patchSpec("mn-vllm", Map.of("stopped", false));
        awaitGroups("mn-vllm", 2);
    }

    private void killAWorkerAndWatchItsGroupRecoverWhileTheOtherServes(ModelDeploymentView md, String key) {
        String survivor = (String) md.instances().get(0).get("instanceId");
        String brokenLeader = (String) md.instances().get(1).get("instanceId");
        String victim = (String) workers(md.instances().get(1)).get(0).get("pod");

        ns.client().pods().inNamespace(ns.name()).withName(victim).withGracePeriod(0).delete();

        AtomicInteger served = new AtomicInteger();
        List<String> refused = new ArrayList<>();
        Set<String> degradedSeen = new java.util.LinkedHashSet<>();
        ModelDeploymentView recovered = Await.until("the broken group replaced and ready again", TIMEOUT, () -> {
            var answer = ns.engineOf(survivor, key).chat("mn-vllm", "still there?");
            if (answer.statusCode() == 200) {
                served.incrementAndGet();
            } else {
                refused.add(answer.statusCode() + " " + answer.body());
            }
            ModelDeploymentView now = ns.md("mn-vllm");
            now.condition("Degraded").filter(c -> "True".equals(c.get("status")))
                    .ifPresent(c -> degradedSeen.add(c.get("reason") + ": " + c.get("message")));
            List<String> leaders = now.instances().stream().map(i -> (String) i.get("instanceId")).toList();
            return "Running".equals(now.phase()) && now.readyReplicas() == 2 && leaders.contains(survivor)
                    && !leaders.contains(brokenLeader) ? now : null;
        });
        assertThat(refused).as("the other group keeps serving").isEmpty();
        assertThat(served.get()).isPositive();
        assertThat(degradedSeen).as("status said which group restarted and why")
                .anySatisfy(m -> assertThat(m).startsWith("GroupRestart").contains("group 1").contains(victim));
        Pod oldLeader = ns.pod(brokenLeader);
        assertThat(oldLeader == null || oldLeader.getMetadata().getDeletionTimestamp() != null)
                .as("the leader went with its worker").isTrue();
        assertThat(ns.events("mn-vllm")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("GroupRestarted");
            assertThat(e.getMessage()).contains("group 1").contains(brokenLeader).contains(victim + " is gone");
        });
        assertThat(recovered.conditionIs("Degraded", "False", "AsExpected")).isTrue();
    }

    @Test
    void operatorRestartKeepsTheGroupsAndWritesNothingWhileIdle() {
        create(multiNode("mn-steady", "vllm", 1, 2));
        awaitSettled("mn-steady", 1, 2);

        Map<String, String> before = ns.restartOperator("mn-steady", () -> versions("mn-steady"));

        assertThat(versions("mn-steady")).isEqualTo(before);
    }

    /**
     * Nothing left for the operator to write: Running for the current spec, every group whole in status and every
     * member pod ready.
     */
    private static void awaitSettled(String name, int groups, int workers) {
        Await.until(name + " settled", TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(name);
            List<Pod> pods = pods(name);
            boolean groupsWhole = md.instances().size() == groups && md.instances().stream()
                    .allMatch(i -> Boolean.TRUE.equals(i.get("ready")) && workers(i).size() == workers - 1
                            && workers(i).stream().allMatch(w -> Boolean.TRUE.equals(w.get("ready"))));
            boolean podsReady = pods.size() == groups * workers && pods.stream().allMatch(MultiNodeIT::ready);
            if (!("Running".equals(md.phase()) && md.observedCurrentGeneration() && groupsWhole && podsReady)) {
                throw new AssertionError("status " + md.status() + "; pods " + pods.stream()
                        .map(p -> p.getMetadata().getName() + " ready=" + ready(p)).toList());
            }
            return md;
        });
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The deployment's and its Services' resource versions, and every group pod by name and uid. */
    private static Map<String, String> versions(String name) {
        Map<String, String> versions = new java.util.TreeMap<>();
        versions.put("md", ns.md(name).resource().getMetadata().getResourceVersion());
        versions.put("service", ns.client().services().inNamespace(ns.name()).withName(name).get().getMetadata().getResourceVersion());
        versions.put("leaders", ns.client().services().inNamespace(ns.name()).withName(name + "-leaders").get().getMetadata().getResourceVersion());
        pods(name).forEach(p -> versions.put(p.getMetadata().getName(), p.getMetadata().getUid()));
        return versions;
    }

    @Test
    void twoSglangGroupsOfTwoRunEveryRankAndServeThroughTheirLeaders() {
        Groups groups = twoGroupsOfTwo("mn-sglang", "sglang");
        ModelDeploymentView md = groups.md();
        String key = ns.apiKey("mn-sglang");

        List<Pod> pods = groups.pods();
        assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet())).hasSize(4);
        for (Map<String, Object> instance : md.instances()) {
            String leaderName = (String) instance.get("instanceId");
            String group = ns.pod(leaderName).getMetadata().getLabels().get("modeldeploy.io/group");
            List<Pod> members = pods.stream().filter(p -> group.equals(p.getMetadata().getLabels().get("modeldeploy.io/group")))
                    .toList();
            assertThat(members).extracting(p -> p.getMetadata().getLabels().get("modeldeploy.io/rank"))
                    .containsExactlyInAnyOrder("0", "1");
            for (Pod pod : members) {
                String rank = pod.getMetadata().getLabels().get("modeldeploy.io/rank");
                // The launcher that adds the key from env inside the interpreter: no key, no $(VAR) in argv.
                assertThat(pod.getSpec().getContainers().get(0).getCommand()).startsWith("python3", "-c")
                        .anySatisfy(word -> assertThat(word).contains("sglang.launch_server"));
                assertThat(pod.getSpec().getContainers().get(0).getArgs()).noneMatch(a -> a.contains("$(") || a.contains(key));
                assertThat(pod.getSpec().getContainers().get(0).getArgs()).containsSequence("--node-rank", rank)
                        .containsSequence("--nnodes", "2")
                        .containsSequence("--dist-init-addr", leaderName + ".mn-sglang-leaders." + ns.name() + ".svc:5000")
                        .containsSequence("--tp-size", "16");
                assertThat(env(pod, "MODELDEPLOY_NODE_RANK")).isEqualTo(rank);
            }
            var answer = ns.engineOf(leaderName, key).chat("mn-sglang", "hello ranks");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    @Test
    void aGroupLargerThanTheNodesIsPendingWithTheSchedulersReason() {
        // Half a node's GPUs per pod: only the anti-affinity keeps the fifth member off the four nodes.
        create(multiNode("too-wide", "vllm", 1, 5, 4));

        ModelDeploymentView md = Await.until("Pending with the scheduler's reason", TIMEOUT, () -> {
            ModelDeploymentView now = ns.md("too-wide");
            return "Pending".equals(now.phase()) && now.conditionMessage("Ready").contains("nodes are available") ? now : null;
        });
        assertThat(md.conditionMessage("Ready")).contains("anti-affinity");
        assertThat(md.conditionIs("Degraded", "True", "Unschedulable")).isTrue();
        assertThat(md.readyReplicas()).isZero();
        // Four of the five pods are placed, one per node; the fifth has no node left.
        assertThat(pods("too-wide").stream().filter(p -> p.getSpec().getNodeName() != null).count()).isEqualTo(4);
    }

    /** A ready deployment and its pods, read once. */
    private record Groups(ModelDeploymentView md, List<Pod> pods) {
    }

    /** Two groups of a leader and a worker each, created and ready: four pods. */
    private static Groups twoGroupsOfTwo(String name, String backend) {
        create(multiNode(name, backend, 2, 2));
        ModelDeploymentView md = awaitGroups(name, 2);
        List<Pod> pods = pods(name);
        assertThat(pods).hasSize(4);
        return new Groups(md, pods);
    }

    private static GenericKubernetesResource multiNode(String name, String backend, int groups, int workers) {
        return multiNode(name, backend, groups, workers, 8);
    }

    private static GenericKubernetesResource multiNode(String name, String backend, int groups, int workers, int gpus) {
        return Serialization.unmarshal("""
                apiVersion: modeldeploy.io/v1alpha1
                kind: ModelDeployment
                metadata:
                  name: %s
                spec:
                  model:
                    id: meta-llama/Llama-3.1-405B-Instruct
                    servedNames: [%s]
                  replicas: %d
                  quickStart:
                    backend: %s
                    backendVersion: "%s"
                    resources:
                      workers: %d
                      cpu: "16"
                      memory: 256Gi
                      gpu: {type: H200, count: %d}
                """.formatted(name, name, groups, backend, backend.equals("vllm") ? "0.8.4" : "0.4.6", workers, gpus),
                GenericKubernetesResource.class);
    }

    private static void create(GenericKubernetesResource md) {
        ns.create(md);
    }

    private static ModelDeploymentView awaitGroups(String name, int groups) {
        return Await.until(groups + " ready groups of " + name, TIMEOUT, () -> {
            ModelDeploymentView md = ns.md(name);
            return "Running".equals(md.phase()) && md.readyReplicas() == groups && md.instances().size() == groups ? md : null;
        });
    }

    private static List<Pod> pods(String name) {
        return ns.client().pods().inNamespace(ns.name()).withLabel("modeldeploy.io/deployment", name).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> workers(Map<String, Object> instance) {
        return (List<Map<String, Object>>) instance.get("workers");
    }

    private static String env(Pod pod, String name) {
        return pod.getSpec().getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue).findFirst().orElseThrow();
    }
}
