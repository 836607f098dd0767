package io.modeldeploy.e2e.multinode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.sim.testing.MultiNodeContract;
import io.modeldeploy.sim.node.NodeSimulatorConfig.NodeSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    private static OperatorHarness harness;
    private static KubernetesClient client;
    private static String ns;
    private static InNamespace inNs;

    @BeforeAll
    static void setUp() {
        harness = OperatorHarness.get();
        client = harness.client();
        harness.cluster().nodes().addNodes(NODES.stream().map(name -> new NodeSpec(name, "NVIDIA-H200", 8, "96", "1024Gi",
                Map.of(), List.of("nvidia.com/gpu=present:NoSchedule"))).toList());
        ns = harness.cluster().createNamespace("multinode");
        inNs = new InNamespace(harness, ns);
    }

    @AfterAll
    static void tearDown() {
        harness.cluster().deleteNamespace(ns);
        harness.cluster().nodes().removeNodes(NODES);
    }

    /** Every test leaves the H200 nodes empty for the next. */
    @AfterEach
    void deleteModelDeployments() {
        harness.mds(ns).delete();
        Await.until("all pods gone", TIMEOUT, () -> client.pods().inNamespace(ns).list().getItems().isEmpty() ? true : null);
    }

    @Test
    void theSampleServesThroughItsLeader() {
        harness.applySample(ns, "multinode-vllm.yaml");
        ModelDeploymentView md = harness.awaitPhase(ns, "llama-405b", "Running");

        assertThat(md.instances()).singleElement().satisfies(i -> {
            assertThat((String) i.get("instanceId")).startsWith("llama-405b-0-").endsWith("-0");
            assertThat(workers(i)).singleElement().satisfies(w -> assertThat(w).containsEntry("ready", true).containsEntry("rank", 1));
        });
        String leader = (String) md.instances().get(0).get("instanceId");
        var answer = inNs.engineOf(leader, inNs.apiKey("llama-405b")).chat("llama-405b", "hello from two nodes");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @Test
    void twoVllmGroupsOfTwoSpreadOverFourNodesServeRestartAndScaleAsUnits() {
        create(multiNode("mn-vllm", "vllm", 2, 2));
        ModelDeploymentView md = awaitGroups("mn-vllm", 2);
        String key = inNs.apiKey("mn-vllm");

        List<Pod> pods = pods("mn-vllm");
        assertThat(pods).hasSize(4);
        assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()))
                .as("the real scheduler honours the groups' anti-affinity").hasSize(4).allMatch(NODES::contains);
        for (Map<String, Object> instance : md.instances()) {
            String leaderName = (String) instance.get("instanceId");
            Pod leader = inNs.pod(leaderName);
            Container engine = leader.getSpec().getContainers().get(0);
            assertThat(engine.getCommand()).startsWith("/bin/sh", "-c");
            // The script the simulator's tests run is the one the operator renders.
            assertThat(engine.getCommand().get(2)).isEqualTo(MultiNodeContract.LEADER_SCRIPT);
            assertThat(engine.getArgs()).containsSequence("--tensor-parallel-size", "8")
                    .containsSequence("--pipeline-parallel-size", "2").containsSequence("--distributed-executor-backend", "ray");
            Pod worker = inNs.pod((String) workers(instance).get(0).get("pod"));
            Container workerEngine = worker.getSpec().getContainers().get(0);
            assertThat(workerEngine.getCommand().get(2)).isEqualTo(MultiNodeContract.WORKER_SCRIPT);
            assertThat(env(worker, "MODELDEPLOY_LEADER_ADDRESS")).isEqualTo(leaderName + ".mn-vllm-leaders." + ns + ".svc");
            assertThat(env(worker, "MODELDEPLOY_GROUP_SIZE")).isEqualTo("2");
            assertThat(worker.getSpec().getNodeName()).isNotEqualTo(leader.getSpec().getNodeName());
            var answer = inNs.engineOf(leaderName, key).chat("mn-vllm", "hello group");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        // The client Service reaches leaders only: its selector, evaluated by the real API server, picks
        // exactly the leaders (the endpoints controller cannot show it here: Endpoints refuse loopback pod IPs).
        Map<String, String> selector = client.services().inNamespace(ns).withName("mn-vllm").get().getSpec().getSelector();
        Set<String> selected = client.pods().inNamespace(ns).withLabels(selector).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        assertThat(selected).isEqualTo(md.instances().stream().map(i -> (String) i.get("instanceId")).collect(Collectors.toSet()));

        killAWorkerAndWatchItsGroupRecoverWhileTheOtherServes(md, key);

        harness.kubectl().ok("scale", "-n", ns, "md/mn-vllm", "--replicas=1");
        Await.until("one group", TIMEOUT, () -> {
            ModelDeploymentView now = harness.md(ns, "mn-vllm");
            return "Running".equals(now.phase()) && now.instances().size() == 1 && pods("mn-vllm").size() == 2 ? now : null;
        });
        harness.kubectl().ok("scale", "-n", ns, "md/mn-vllm", "--replicas=2");
        awaitGroups("mn-vllm", 2);

        inNs.patchSpec("mn-vllm", Map.of("stopped", true));
        harness.awaitPhase(ns, "mn-vllm", "Stopped");
        assertThat(pods("mn-vllm")).isEmpty();
        inNs.patchSpec("mn-vllm", Map.of("stopped", false));
        awaitGroups("mn-vllm", 2);
    }

    private void killAWorkerAndWatchItsGroupRecoverWhileTheOtherServes(ModelDeploymentView md, String key) {
        String survivor = (String) md.instances().get(0).get("instanceId");
        String brokenLeader = (String) md.instances().get(1).get("instanceId");
        String victim = (String) workers(md.instances().get(1)).get(0).get("pod");

        client.pods().inNamespace(ns).withName(victim).withGracePeriod(0).delete();

        AtomicInteger served = new AtomicInteger();
        List<String> refused = new ArrayList<>();
        Set<String> degradedSeen = new java.util.LinkedHashSet<>();
        ModelDeploymentView recovered = Await.until("the broken group replaced and ready again", TIMEOUT, () -> {
            var answer = inNs.engineOf(survivor, key).chat("mn-vllm", "still there?");
            if (answer.statusCode() == 200) {
                served.incrementAndGet();
            } else {
                refused.add(answer.statusCode() + " " + answer.body());
            }
            ModelDeploymentView now = harness.md(ns, "mn-vllm");
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
        Pod oldLeader = inNs.pod(brokenLeader);
        assertThat(oldLeader == null || oldLeader.getMetadata().getDeletionTimestamp() != null)
                .as("the leader went with its worker").isTrue();
        assertThat(inNs.events("mn-vllm")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("GroupRestarted");
            assertThat(e.getMessage()).contains("group 1").contains(brokenLeader).contains(victim + " is gone");
        });
        assertThat(recovered.conditionIs("Degraded", "False", "AsExpected")).isTrue();
    }

    @Test
    void operatorRestartKeepsTheGroupsAndWritesNothingWhileIdle() throws InterruptedException {
        create(multiNode("mn-steady", "vllm", 1, 2));
        awaitGroups("mn-steady", 1);
        Thread.sleep(2000); // let the last status write settle
        Map<String, String> before = versions("mn-steady");

        harness.operator().stop();
        harness.operator().start();
        Thread.sleep(5000); // the restarted operator reconciles everything once at start

        assertThat(versions("mn-steady")).isEqualTo(before);
    }

    /** The deployment's and its Services' resource versions, and every group pod by name and uid. */
    private static Map<String, String> versions(String name) {
        Map<String, String> versions = new java.util.TreeMap<>();
        versions.put("md", harness.md(ns, name).resource().getMetadata().getResourceVersion());
        versions.put("service", client.services().inNamespace(ns).withName(name).get().getMetadata().getResourceVersion());
        versions.put("leaders", client.services().inNamespace(ns).withName(name + "-leaders").get().getMetadata().getResourceVersion());
        pods(name).forEach(p -> versions.put(p.getMetadata().getName(), p.getMetadata().getUid()));
        return versions;
    }

    @Test
    void twoSglangGroupsOfTwoRunEveryRankAndServeThroughTheirLeaders() {
        create(multiNode("mn-sglang", "sglang", 2, 2));
        ModelDeploymentView md = awaitGroups("mn-sglang", 2);
        String key = inNs.apiKey("mn-sglang");

        List<Pod> pods = pods("mn-sglang");
        assertThat(pods).hasSize(4);
        assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet())).hasSize(4);
        for (Map<String, Object> instance : md.instances()) {
            String leaderName = (String) instance.get("instanceId");
            String group = inNs.pod(leaderName).getMetadata().getLabels().get("modeldeploy.io/group");
            List<Pod> members = pods.stream().filter(p -> group.equals(p.getMetadata().getLabels().get("modeldeploy.io/group")))
                    .toList();
            assertThat(members).extracting(p -> p.getMetadata().getLabels().get("modeldeploy.io/rank"))
                    .containsExactlyInAnyOrder("0", "1");
            for (Pod pod : members) {
                String rank = pod.getMetadata().getLabels().get("modeldeploy.io/rank");
                assertThat(pod.getSpec().getContainers().get(0).getCommand()).containsExactly("python3", "-m", "sglang.launch_server");
                assertThat(pod.getSpec().getContainers().get(0).getArgs()).containsSequence("--node-rank", rank)
                        .containsSequence("--nnodes", "2")
                        .containsSequence("--dist-init-addr", leaderName + ".mn-sglang-leaders." + ns + ".svc:5000")
                        .containsSequence("--tp-size", "16");
                assertThat(env(pod, "MODELDEPLOY_NODE_RANK")).isEqualTo(rank);
            }
            var answer = inNs.engineOf(leaderName, key).chat("mn-sglang", "hello ranks");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
    }

    @Test
    void aGroupLargerThanTheNodesIsPendingWithTheSchedulersReason() {
        // Half a node's GPUs per pod: only the anti-affinity keeps the fifth member off the four nodes.
        create(multiNode("too-wide", "vllm", 1, 5, 4));

        ModelDeploymentView md = Await.until("Pending with the scheduler's reason", TIMEOUT, () -> {
            ModelDeploymentView now = harness.md(ns, "too-wide");
            return "Pending".equals(now.phase()) && now.conditionMessage("Ready").contains("nodes are available") ? now : null;
        });
        assertThat(md.conditionMessage("Ready")).contains("anti-affinity");
        assertThat(md.conditionIs("Degraded", "True", "Unschedulable")).isTrue();
        assertThat(md.readyReplicas()).isZero();
        // Four of the five pods are placed, one per node; the fifth has no node left.
        assertThat(pods("too-wide").stream().filter(p -> p.getSpec().getNodeName() != null).count()).isEqualTo(4);
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
        harness.mds(ns).resource(md).create();
    }

    private static ModelDeploymentView awaitGroups(String name, int groups) {
        return Await.until(groups + " ready groups of " + name, TIMEOUT, () -> {
            ModelDeploymentView md = harness.md(ns, name);
            return "Running".equals(md.phase()) && md.readyReplicas() == groups && md.instances().size() == groups ? md : null;
        });
    }

    private static List<Pod> pods(String name) {
        return client.pods().inNamespace(ns).withLabel("modeldeploy.io/deployment", name).list().getItems().stream()
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
