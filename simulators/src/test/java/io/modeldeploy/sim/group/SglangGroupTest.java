package io.modeldeploy.sim.group;

import io.modeldeploy.sim.testing.Await;
import io.modeldeploy.sim.engine.EngineSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** SIMULATED multi-node SGLang: rank 0's rendezvous, followers' dummy health server, rank errors, lost peers. */
class SglangGroupTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private GroupFixture group;

    @AfterEach
    void close() {
        group.close();
    }

    @Test
    void rankZeroServesOnlyOnceEveryRankJoinedAndOtherRanksServeOnlyHealth() {
        group = GroupFixture.withLeaderAtHost1(11);
        ContainerProcess rank0 = group.sglang(1, 8, 16, 2, 0);
        EngineSimulator engine = rank0.engine().orElseThrow();
        assertThat(rank0.groupStatus().orElseThrow().members()).isEqualTo(1);
        assertThat(engine.isServing()).isFalse();

        ContainerProcess rank1 = group.sglang(2, 8, 16, 2, 1);

        Await.until("rank 0 serving", WAIT, engine::isServing);
        assertThat(rank0.groupStatus().orElseThrow().members()).isEqualTo(2);
        assertThat(GroupFixture.get(group.ip(1), 30000, "/v1/models")).isEqualTo(200);
        Await.until("rank 1 health server", WAIT, () -> GroupFixture.get(group.ip(2), 30000, "/health") == 200);
        assertThat(GroupFixture.get(group.ip(2), 30000, "/health_generate")).isEqualTo(200);
        assertThat(GroupFixture.get(group.ip(2), 30000, "/ping")).isEqualTo(200);
        assertThat(GroupFixture.get(group.ip(2), 30000, "/v1/models")).isEqualTo(404);
        assertThat(rank1.engine()).isEmpty();
    }

    @Test
    void aFollowerServesNoHealthBeforeItJoined() {
        group = new GroupFixture(12);
        ContainerProcess rank1 = group.sglang(2, 8, 16, 2, 1);
        Await.until("join attempts", WAIT, () -> rank1.groupStatus().orElseThrow().joinAttempts() >= 3);
        assertThat(GroupFixture.get(group.ip(2), 30000, "/health")).isEqualTo(-1);
        assertThat(rank1.exitReason()).as("rank 0 not there yet: keep trying").isEmpty();
    }

    @Test
    void duplicateRankIsRefusedAndTheLateComerExits() {
        group = GroupFixture.withLeaderAtHost1(13);
        ContainerProcess rank0 = group.sglang(1, 8, 24, 3, 0);
        ContainerProcess first = group.sglang(2, 8, 24, 3, 1);
        Await.until("first rank 1 joined", WAIT, () -> first.groupStatus().orElseThrow().formed());

        ContainerProcess duplicate = group.sglang(3, 8, 24, 3, 1);

        String why = Await.until("duplicate exits", WAIT, () -> duplicate.exitReason().orElse(null));
        assertThat(why).contains("duplicate --node-rank 1");
        assertThat(rank0.groupStatus().orElseThrow().members()).isEqualTo(2);
        assertThat(rank0.engine().orElseThrow().isServing()).isFalse();
    }

    @Test
    void aRankLaunchedWithAnotherNnodesIsRefused() {
        group = GroupFixture.withLeaderAtHost1(14);
        group.sglang(1, 8, 16, 2, 0);
        ContainerProcess wrong = group.sglang(2, 8, 24, 3, 1);
        String why = Await.until("wrong rank exits", WAIT, () -> wrong.exitReason().orElse(null));
        assertThat(why).contains("--nnodes 3").contains("--nnodes 2");
    }

    @Test
    void tensorParallelMustSplitEvenlyAndFitEachPodsGpus() {
        group = new GroupFixture(15);
        assertThat(group.sglang(1, 8, 15, 2, 0).exitReason())
                .hasValueSatisfying(w -> assertThat(w).contains("must be divisible by nnodes (2)"));
        assertThat(group.sglang(2, 4, 16, 2, 0).exitReason())
                .hasValueSatisfying(w -> assertThat(w).contains("8 tensor parallel ranks").contains("only 4 GPUs"));
        assertThat(group.sglang(3, 8, 16, 2, 2).exitReason())
                .hasValueSatisfying(w -> assertThat(w).contains("--node-rank 2 is out of range"));
        assertThat(group.sglang(4, 8, 16, 2, 0).exitReason()).isEmpty();
    }

    @Test
    void losingARankKillsRankZerosEngineAndRanksExitWhenRankZeroVanishes() {
        group = GroupFixture.withLeaderAtHost1(16);
        ContainerProcess rank0 = group.sglang(1, 8, 16, 2, 0);
        ContainerProcess rank1 = group.sglang(2, 8, 16, 2, 1);
        Await.until("rank 0 serving", WAIT, () -> rank0.engine().orElseThrow().isServing());

        rank1.close();
        Await.until("rank 0 /health 503", WAIT, () -> GroupFixture.get(group.ip(1), 30000, "/health") == 503);
        assertThat(GroupFixture.get(group.ip(1), 30000, "/health_generate")).isEqualTo(503);
        assertThat(rank0.engine().orElseThrow().deathReason()).hasValueSatisfying(r -> assertThat(r).contains("rank 1"));

        ContainerProcess again = group.sglang(3, 8, 16, 2, 1);
        rank0.close();
        ContainerProcess restarted = group.sglang(1, 8, 16, 2, 0);
        // The new rank 1 either joined the old rank 0 (then lost it and exited) or the new one: both are real outcomes.
        Await.until("new rank 0 formed or rank 1 exited", WAIT,
                () -> restarted.engine().orElseThrow().isServing() || again.exitReason().isPresent());

        ContainerProcess lonely = group.sglang(4, 8, 16, 2, 1);
        Await.until("lonely joined", WAIT, () -> lonely.groupStatus().orElseThrow().formed()
                || lonely.exitReason().isPresent());
        restarted.close();
        String why = Await.until("rank 1 exits once rank 0 is gone", WAIT, () -> lonely.exitReason().orElse(null));
        assertThat(why).contains("leader");
    }
}
