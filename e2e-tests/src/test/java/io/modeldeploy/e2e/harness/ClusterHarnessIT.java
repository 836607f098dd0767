package io.modeldeploy.e2e.harness;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.modeldeploy.e2e.support.EngineClient;
import io.modeldeploy.e2e.support.Kubectl;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.node.SimAnnotations;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness itself, end to end: the REAL control plane (etcd, API server, controller manager,
 * scheduler) with SIMULATED GPU nodes and engines. A Deployment goes through the real Deployment and
 * ReplicaSet controllers and the real scheduler; the node simulator plays the kubelet.
 */
class ClusterHarnessIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String API_KEY = "sk-harness-test-key";

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.onCluster("harness").withSecret("engine-key", Map.of("apiKey", API_KEY));

    @Test
    void simulatedGpuNodesAreReadyWithTheirCapacity() {
        for (String name : ns.cluster().nodes().nodeNames()) {
            Node node = ns.client().nodes().withName(name).get();
            assertThat(node.getStatus().getConditions())
                    .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
            assertThat(Optional.ofNullable(node.getSpec().getTaints()).orElse(List.of()))
                    .noneMatch(t -> t.getKey().equals("node.kubernetes.io/not-ready"));
            Quantity gpus = node.getStatus().getAllocatable().get("nvidia.com/gpu");
            // L40S nodes have 4 GPUs; H100 (and A100 nodes another test class may have added) have 8.
            assertThat(gpus.getAmount()).isEqualTo(name.contains("l40s") ? "4" : "8");
        }
        String table = new Kubectl(ns.cluster()).ok("get", "nodes", "-o",
                "custom-columns=NAME:.metadata.name,GPU:.status.capacity.nvidia\\.com/gpu,PRODUCT:.metadata.labels.nvidia\\.com/gpu\\.product");
        assertThat(table).containsPattern("sim-h100-0\\s+8\\s+NVIDIA-H100-80GB-HBM3")
                .containsPattern("sim-l40s-1\\s+4\\s+NVIDIA-L40S");
    }

    @Test
    void gpuDeploymentIsBoundToTheMatchingNodeAndServesThroughTheSimulatedEngine() {
        deploy(GpuWorkloads.vllm("l40s-chat", "NVIDIA-L40S", 2, "engine-key", Map.of()));

        Pod pod = awaitReadyPod("l40s-chat");
        assertThat(pod.getSpec().getNodeName()).startsWith("sim-l40s-");
        EngineClient withKey = EngineClient.at(pod.getStatus().getPodIP(), 8000, API_KEY);
        assertThat(withKey.chat("l40s-chat", "hello there").statusCode()).isEqualTo(200);
        assertThat(EngineClient.at(pod.getStatus().getPodIP(), 8000, null).chat("l40s-chat", "hi").statusCode())
                .isEqualTo(401);
        assertThat(EngineClient.at(pod.getStatus().getPodIP(), 8000, "wrong").chat("l40s-chat", "hi").statusCode())
                .isEqualTo(401);
    }

    @Test
    void podAskingForMoreGpusThanAnyNodeHasStaysPendingWithTheSchedulersReason() {
        deploy(GpuWorkloads.vllm("too-big", "NVIDIA-H100-80GB-HBM3", 16, "engine-key", Map.of()));

        PodCondition scheduled = Await.until("the scheduler to give up on too-big", TIMEOUT, () -> podsOf("too-big").stream()
                .flatMap(p -> Optional.ofNullable(p.getStatus().getConditions()).orElse(List.of()).stream())
                .filter(c -> c.getType().equals("PodScheduled") && c.getStatus().equals("False"))
                .findFirst().orElse(null));
        assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
        assertThat(scheduled.getMessage()).contains("Insufficient nvidia.com/gpu");
        assertThat(podsOf("too-big")).allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNull());
    }

    @Test
    void engineIsNotReadyUntilItsModelHasLoaded() {
        deploy(GpuWorkloads.vllm("slow-load", "NVIDIA-H100-80GB-HBM3", 1,
                "engine-key", Map.of(SimAnnotations.ENGINE_LOAD_DELAY_MS, "5000")));

        Pod running = Await.until("slow-load Running", TIMEOUT, () -> podsOf("slow-load").stream()
                .filter(p -> "Running".equals(p.getStatus().getPhase())).findFirst().orElse(null));
        assertThat(GpuWorkloads.isReady(running)).as("Ready before the model loaded").isFalse();
        Pod ready = awaitReadyPod("slow-load");
        assertThat(ready.getMetadata().getUid()).isEqualTo(running.getMetadata().getUid());
    }

    @Test
    void crashLoopIsReportedLikeTheKubeletDoes() {
        deploy(GpuWorkloads.vllm("crashing", "NVIDIA-L40S", 1,
                "engine-key", Map.of(SimAnnotations.FAULT, "CrashLoop")));

        ContainerStatus status = Await.until("CrashLoopBackOff with restarts", TIMEOUT, () -> podsOf("crashing").stream()
                .flatMap(p -> Optional.ofNullable(p.getStatus().getContainerStatuses()).orElse(List.of()).stream())
                .filter(c -> c.getState().getWaiting() != null
                        && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason()) && c.getRestartCount() >= 1)
                .findFirst().orElse(null));
        assertThat(status.getReady()).isFalse();
        assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
    }

    @Test
    void imagePullFailureKeepsThePodPending() {
        deploy(GpuWorkloads.vllm("no-image", "NVIDIA-L40S", 1,
                "engine-key", Map.of(SimAnnotations.FAULT, "ImagePullFailure")));

        Pod pod = Await.until("image pull back-off", TIMEOUT, () -> podsOf("no-image").stream()
                .filter(p -> p.getStatus().getContainerStatuses() != null && p.getStatus().getContainerStatuses().stream()
                        .anyMatch(c -> c.getState().getWaiting() != null
                                && "ImagePullBackOff".equals(c.getState().getWaiting().getReason())))
                .findFirst().orElse(null));
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void neverReadyEngineRunsButIsNotReady() {
        deploy(GpuWorkloads.vllm("wedged", "NVIDIA-L40S", 1,
                "engine-key", Map.of(SimAnnotations.FAULT, "NeverReady")));

        Pod pod = Await.until("wedged Running", TIMEOUT, () -> podsOf("wedged").stream()
                .filter(p -> "Running".equals(p.getStatus().getPhase())).findFirst().orElse(null));
        // The engine answers (the model loaded) but its health endpoint says 503, so readiness keeps failing.
        EngineClient engine = EngineClient.at(pod.getStatus().getPodIP(), 8000, API_KEY);
        Await.until("engine port open", TIMEOUT, () -> engine.get("/health").statusCode() == 503);
        assertThat(GpuWorkloads.isReady(ns.pod(pod.getMetadata().getName()))).isFalse();
    }

    @Test
    void engineRestartLosesRuntimeAdaptersAndCountsARestart() {
        deploy(GpuWorkloads.vllm("restarts", "NVIDIA-H100-80GB-HBM3", 1, "engine-key", Map.of()));
        Pod pod = awaitReadyPod("restarts");
        EngineClient engine = EngineClient.at(pod.getStatus().getPodIP(), 8000, API_KEY);
        assertThat(engine.post("/v1/load_lora_adapter", "{\"lora_name\":\"sql\",\"lora_path\":\"/adapters/sql\"}")
                .statusCode()).isEqualTo(200);
        assertThat(engine.get("/v1/models").body()).contains("\"sql\"");

        ns.client().pods().inNamespace(ns.name()).withName(pod.getMetadata().getName())
                .edit(p -> new io.fabric8.kubernetes.api.model.PodBuilder(p).editMetadata()
                        .addToAnnotations(SimAnnotations.RESTART_ENGINE, "1").endMetadata().build());

        Pod restarted = Await.until("the restarted engine ready again", TIMEOUT, () -> {
            Pod p = ns.pod(pod.getMetadata().getName());
            return p.getStatus().getContainerStatuses().get(0).getRestartCount() == 1 && GpuWorkloads.isReady(p) ? p : null;
        });
        assertThat(restarted.getStatus().getPodIP()).isEqualTo(pod.getStatus().getPodIP());
        assertThat(engine.get("/v1/models").body()).doesNotContain("\"sql\"").contains("\"restarts\"");
    }

    @Test
    void deletedPodIsFinishedByTheSimulatedKubeletAndItsEngineStops() {
        deploy(GpuWorkloads.vllm("deleted", "NVIDIA-L40S", 1, "engine-key", Map.of()));
        Pod pod = awaitReadyPod("deleted");
        ns.client().apps().deployments().inNamespace(ns.name()).withName("deleted").delete();

        Await.until("pod gone", TIMEOUT, () -> ns.pod(pod.getMetadata().getName()) == null);
        EngineClient engine = EngineClient.at(pod.getStatus().getPodIP(), 8000, API_KEY);
        Await.until("engine stopped", TIMEOUT, () -> {
            try {
                engine.get("/health");
                return false;
            } catch (IllegalStateException refused) {
                return true;
            }
        });
    }

    private Pod awaitReadyPod(String app) {
        return Await.until(app + " Ready", TIMEOUT, () -> podsOf(app).stream().filter(GpuWorkloads::isReady)
                .findFirst().orElse(null));
    }

    private List<Pod> podsOf(String app) {
        return ns.client().pods().inNamespace(ns.name()).withLabel("app", app).list().getItems();
    }

    private static void deploy(Deployment workload) {
        ns.client().apps().deployments().inNamespace(ns.name()).resource(workload).create();
    }
}
