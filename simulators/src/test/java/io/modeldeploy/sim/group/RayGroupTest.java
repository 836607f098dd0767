package io.modeldeploy.sim.group;

import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.sim.engine.EngineSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** SIMULATED multi-node vLLM over Ray: the head waits for its group, checks GPUs, and dies with a lost node. */
class RayGroupTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String[] TP8_PP2_RAY = {"--model", "/models/x", "--served-model-name", "foo", "--host", "0.0.0.0",
            "--port", "8000", "--tensor-parallel-size", "8", "--pipeline-parallel-size", "2",
            "--distributed-executor-backend", "ray"};

    private GroupFixture group;

    @AfterEach
    void close() {
        group.close();
    }

    @Test
    void leaderEngineStartsOnlyOnceTheWorkerJoinedTheRayCluster() {
        group = GroupFixture.withLeaderAtHost1(1);
        ContainerProcess leader = group.vllmLeader(1, 2, 8, TP8_PP2_RAY);

        GroupStatus alone = leader.groupStatus().orElseThrow();
        assertThat(alone.role()).isEqualTo(GroupStatus.Role.RAY_HEAD);
        assertThat(alone.members()).isEqualTo(1);
        assertThat(alone.formed()).isFalse();
        assertThat(GroupFixture.get(group.ip(1), 6379, "/members")).as("the Ray head listens").isEqualTo(200);
        EngineSimulator engine = leader.engine().orElseThrow();
        assertThat(engine.isServing()).isFalse();
        assertThat(GroupFixture.get(group.ip(1), 8000, "/health")).as("no engine port before the group formed").isEqualTo(-1);

        ContainerProcess worker = group.vllmWorker(2, 1, 8);

        Await.until("leader engine serving", WAIT, engine::isServing);
        assertThat(leader.groupStatus().orElseThrow()).satisfies(s -> {
            assertThat(s.members()).isEqualTo(2);
            assertThat(s.gpus()).isEqualTo(16);
            assertThat(s.formed()).isTrue();
        });
        assertThat(worker.groupStatus().orElseThrow().formed()).isTrue();
        assertThat(worker.engine()).as("a Ray worker runs no engine").isEmpty();
        assertThat(GroupFixture.get(group.ip(1), 8000, "/health")).isEqualTo(200);
        assertThat(GroupFixture.get(group.ip(2), 8000, "/health")).isEqualTo(-1);
    }

    @Test
    void workerRetriesUntilTheLeaderNameResolvesAndTheHeadAnswers() {
        group = new GroupFixture(2);
        ContainerProcess worker = group.vllmWorker(2, 1, 8);
        Await.until("a few failed join attempts", WAIT, () -> worker.groupStatus().orElseThrow().joinAttempts() >= 3);
        assertThat(worker.groupStatus().orElseThrow().problem()).hasValueSatisfying(p -> assertThat(p).contains("resolve"));

        group.dns.put(GroupFixture.LEADER_DNS, group.ip(1));
        int before = worker.groupStatus().orElseThrow().joinAttempts();
        Await.until("more failed join attempts", WAIT, () -> worker.groupStatus().orElseThrow().joinAttempts() >= before + 2);
        assertThat(worker.groupStatus().orElseThrow().problem()).hasValueSatisfying(p -> assertThat(p).contains("cannot reach"));
        assertThat(worker.exitReason()).as("the worker script loops; the container keeps running").isEmpty();

        ContainerProcess leader = group.vllmLeader(1, 2, 8, TP8_PP2_RAY);
        Await.until("worker joined", WAIT, () -> worker.groupStatus().orElseThrow().formed());
        Await.until("leader serving", WAIT, () -> leader.engine().orElseThrow().isServing());
    }

    @Test
    void engineExitsWhenTensorTimesPipelineParallelExceedsTheRayClusterGpus() {
        group = GroupFixture.withLeaderAtHost1(3);
        ContainerProcess leader = group.vllmLeader(1, 2, 8, "--model", "/models/x", "--tensor-parallel-size", "8",
                "--pipeline-parallel-size", "4", "--distributed-executor-backend", "ray");
        group.vllmWorker(2, 1, 8);

        String why = Await.until("the engine to exit", WAIT, () -> leader.exitReason().orElse(null));
        assertThat(why).contains("required GPUs (32)").contains("available GPUs (16)");
        assertThat(leader.engine().orElseThrow().isServing()).isFalse();
    }

    @Test
    void withoutTheRayBackendTheEngineMustFitThePodsOwnGpus() {
        group = GroupFixture.withLeaderAtHost1(4);
        ContainerProcess leader = group.vllmLeader(1, 2, 8, "--model", "/models/x", "--tensor-parallel-size", "8",
                "--pipeline-parallel-size", "2");
        group.vllmWorker(2, 1, 8);
        String why = Await.until("the engine to exit", WAIT, () -> leader.exitReason().orElse(null));
        assertThat(why).contains("World size (16)").contains("--distributed-executor-backend ray");

        ContainerProcess single = group.start(3, 8, java.util.List.of("vllm", "serve"),
                java.util.List.of("/models/x", "--tensor-parallel-size", "16"), java.util.Map.of());
        assertThat(single.exitReason()).hasValueSatisfying(w -> assertThat(w).contains("World size (16)"));
        ContainerProcess fits = group.start(4, 8, java.util.List.of("vllm", "serve"),
                java.util.List.of("/models/x", "--tensor-parallel-size", "8"), java.util.Map.of());
        assertThat(fits.exitReason()).isEmpty();
        assertThat(fits.engine().orElseThrow().isServing()).isTrue();
    }

    @Test
    void losingAWorkerKillsTheLeadersEngineAndTheWorkerRejoinsAReplacedHead() {
        group = GroupFixture.withLeaderAtHost1(5);
        ContainerProcess leader = group.vllmLeader(1, 2, 8, TP8_PP2_RAY);
        ContainerProcess worker = group.vllmWorker(2, 1, 8);
        EngineSimulator engine = leader.engine().orElseThrow();
        Await.until("leader serving", WAIT, engine::isServing);

        worker.close();

        Await.until("leader /health 503", WAIT, () -> GroupFixture.get(group.ip(1), 8000, "/health") == 503);
        assertThat(engine.deathReason()).hasValueSatisfying(r -> assertThat(r).contains("Ray node " + group.ip(2)));
        engine.setHealthy(true);
        assertThat(GroupFixture.get(group.ip(1), 8000, "/health")).as("a dead engine does not heal").isEqualTo(503);

        // The kubelet restarts the leader container (liveness): a new head; a new worker process joins it.
        leader.close();
        ContainerProcess worker2 = group.vllmWorker(3, 1, 8);
        Await.until("worker lost its head", WAIT, () -> worker2.groupStatus().orElseThrow().joinAttempts() >= 2);
        ContainerProcess restarted = group.vllmLeader(1, 2, 8, TP8_PP2_RAY);
        Await.until("restarted leader serving", WAIT, () -> restarted.engine().orElseThrow().isServing());
    }

    @Test
    void aWorkerWhoseHeadVanishedGoesBackToJoining() {
        group = GroupFixture.withLeaderAtHost1(6);
        ContainerProcess leader = group.vllmLeader(1, 2, 8, TP8_PP2_RAY);
        ContainerProcess worker = group.vllmWorker(2, 1, 8);
        Await.until("worker joined", WAIT, () -> worker.groupStatus().orElseThrow().formed());
        int attempts = worker.groupStatus().orElseThrow().joinAttempts();

        leader.close();

        Await.until("worker no longer joined", WAIT, () -> !worker.groupStatus().orElseThrow().formed());
        Await.until("worker trying again", WAIT, () -> worker.groupStatus().orElseThrow().joinAttempts() > attempts);
        assertThat(worker.exitReason()).isEmpty();
        ContainerProcess again = group.vllmLeader(1, 2, 8, TP8_PP2_RAY);
        Await.until("worker joined the new head", WAIT, () -> worker.groupStatus().orElseThrow().formed());
        Await.until("new leader serving", WAIT, () -> again.engine().orElseThrow().isServing());
    }
}
