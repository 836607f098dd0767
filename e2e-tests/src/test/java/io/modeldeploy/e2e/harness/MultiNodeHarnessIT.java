package io.modeldeploy.e2e.harness;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.e2e.support.EngineClient;
import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.group.GroupStatus;
import io.modeldeploy.sim.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Multi-node groups on the harness: the REAL API server and scheduler (which enforces the pods' required
 * anti-affinity) with SIMULATED nodes added at run time, the SIMULATED cluster DNS, Ray and SGLang rendezvous.
 * The pods follow the operator's contract but are written by hand ({@link MultiNodeWorkloads}).
 */
class MultiNodeHarnessIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String API_KEY = "sk-multinode-test-key";
    private static final List<String> NODES = List.of("sim-mn-a100-0", "sim-mn-a100-1", "sim-mn-a100-2", "sim-mn-a100-3");

    @RegisterExtension
    static final TestNamespace ns = TestNamespace.onCluster("multinode")
            .withGpuNodes(MultiNodeWorkloads.GPU_PRODUCT, MultiNodeWorkloads.GPUS, NODES)
            .withSecret("engine-key", Map.of("apiKey", API_KEY));

    @Test
    void vllmLeaderServesOnlyAfterItsRayWorkerJoinedAndDiesWhenTheWorkerGoes() {
        String md = "mnv";
        String leader = MultiNodeWorkloads.leaderPod(md);
        String worker = MultiNodeWorkloads.workerPod(md, 1);
        // Pods first, the headless Service later: until it exists the worker cannot resolve its leader.
        ns.client().pods().inNamespace(ns.name()).resource(MultiNodeWorkloads.vllm(md, ns.name(), 0, 2, "engine-key")).create();
        ns.client().pods().inNamespace(ns.name()).resource(MultiNodeWorkloads.vllm(md, ns.name(), 1, 2, "engine-key")).create();

        GroupStatus retrying = Await.until("the worker trying to join", TIMEOUT, () -> ns.cluster().nodes().group(ns.name(), worker)
                .filter(g -> g.joinAttempts() >= 3).orElse(null));
        assertThat(retrying.role()).isEqualTo(GroupStatus.Role.RAY_WORKER);
        assertThat(retrying.problem()).hasValueSatisfying(p -> assertThat(p).contains("could not resolve"));
        GroupStatus head = ns.cluster().nodes().group(ns.name(), leader).orElseThrow();
        assertThat(head.role()).isEqualTo(GroupStatus.Role.RAY_HEAD);
        assertThat(head.members()).as("the head alone").isEqualTo(1);
        assertThat(head.formed()).isFalse();
        Pod leaderPod = ns.pod(leader);
        Pod workerPod = ns.pod(worker);
        assertThat(workerPod.getStatus().getPhase()).isEqualTo("Running");
        assertThat(isReady(leaderPod)).as("a running worker that has not joined does not make the leader ready").isFalse();
        assertThat(leaderPod.getSpec().getNodeName()).as("anti-affinity: one pod per node")
                .isNotEqualTo(workerPod.getSpec().getNodeName());
        EngineClient engine = EngineClient.at(leaderPod.getStatus().getPodIP(), 8000, API_KEY);
        assertThatThrownBy(() -> engine.chat(md, "hello")).as("no engine port before the group formed")
                .isInstanceOf(IllegalStateException.class);

        ns.client().services().inNamespace(ns.name()).resource(MultiNodeWorkloads.leadersService(md)).create();

        Await.until("leader Ready", TIMEOUT, () -> isReady(ns.pod(leader)));
        assertThat(ns.cluster().nodes().group(ns.name(), leader).orElseThrow()).satisfies(g -> {
            assertThat(g.members()).isEqualTo(2);
            assertThat(g.gpus()).isEqualTo(16);
        });
        assertThat(ns.cluster().nodes().resolve(MultiNodeWorkloads.leaderAddress(md, ns.name())))
                .contains(leaderPod.getStatus().getPodIP());
        assertThat(engine.chat(md, "hello").statusCode()).isEqualTo(200);
        assertThat(isReady(ns.pod(worker))).as("a probe-less worker is ready once running").isTrue();

        ns.client().pods().inNamespace(ns.name()).withName(worker).withGracePeriod(0).delete();

        Await.until("leader /health 503", TIMEOUT, () -> engine.get("/health").statusCode() == 503);
        Pod restarted = Await.until("the liveness probe restarting the leader", TIMEOUT, () -> {
            Pod p = ns.pod(leader);
            return p.getStatus().getContainerStatuses().get(0).getRestartCount() >= 1 ? p : null;
        });
        assertThat(isReady(restarted)).isFalse();
    }

    @Test
    void sglangRankZeroServesOnlyAfterRankOneJoinedAndDiesWhenRankOneGoes() {
        String md = "mns";
        String leader = MultiNodeWorkloads.leaderPod(md);
        String worker = MultiNodeWorkloads.workerPod(md, 1);
        ns.client().services().inNamespace(ns.name()).resource(MultiNodeWorkloads.leadersService(md)).create();
        // Rank 1 alone: it can never join, so it serves nothing and is never Ready.
        ns.client().pods().inNamespace(ns.name()).resource(MultiNodeWorkloads.sglang(md, ns.name(), 1, 2, "engine-key")).create();
        GroupStatus waiting = Await.until("rank 1 trying to join", TIMEOUT, () -> ns.cluster().nodes().group(ns.name(), worker)
                .filter(g -> g.joinAttempts() >= 3).orElse(null));
        assertThat(waiting.role()).isEqualTo(GroupStatus.Role.SGLANG_RANK);
        assertThat(waiting.formed()).isFalse();
        assertThat(isReady(ns.pod(worker))).isFalse();

        ns.client().pods().inNamespace(ns.name()).resource(MultiNodeWorkloads.sglang(md, ns.name(), 0, 2, "engine-key")).create();

        Await.until("rank 0 Ready", TIMEOUT, () -> isReady(ns.pod(leader)));
        Pod leaderPod = ns.pod(leader);
        Pod workerPod = ns.pod(worker);
        assertThat(leaderPod.getSpec().getNodeName()).isNotEqualTo(workerPod.getSpec().getNodeName());
        assertThat(ns.cluster().nodes().group(ns.name(), leader).orElseThrow().members()).isEqualTo(2);
        EngineClient rank0 = EngineClient.at(leaderPod.getStatus().getPodIP(), 30000, API_KEY);
        assertThat(rank0.chat(md, "hello").statusCode()).isEqualTo(200);
        Await.until("rank 1 Ready (dummy health server)", TIMEOUT, () -> isReady(ns.pod(worker)));
        EngineClient rank1 = EngineClient.at(workerPod.getStatus().getPodIP(), 30000, API_KEY);
        assertThat(rank1.get("/health_generate").statusCode()).isEqualTo(200);
        assertThat(rank1.get("/v1/models").statusCode()).as("ranks >= 1 serve no API").isEqualTo(404);
        assertThat(ns.cluster().nodes().engine(ns.name(), worker)).isEmpty();

        ns.client().pods().inNamespace(ns.name()).withName(worker).withGracePeriod(0).delete();

        Await.until("rank 0 /health 503", TIMEOUT, () -> rank0.get("/health").statusCode() == 503);
        Await.until("the liveness probe restarting rank 0", TIMEOUT,
                () -> ns.pod(leader).getStatus().getContainerStatuses().get(0).getRestartCount() >= 1);
    }

    private static boolean isReady(Pod pod) {
        return pod != null && GpuWorkloads.isReady(pod);
    }
}
