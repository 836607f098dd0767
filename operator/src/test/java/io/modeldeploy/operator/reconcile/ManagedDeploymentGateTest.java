package io.modeldeploy.operator.reconcile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ManagedDeploymentGateTest {
    private final ManagedDeploymentGate gate = new ManagedDeploymentGate();

    @Test
    void noReconcileRunsOnceTheCleanupBegan() {
        gate.cleanup("uid-1", () -> "kept");

        assertThat(gate.reconcile("uid-1", () -> "reconciled", () -> "skipped")).isEqualTo("skipped");
        assertThat(gate.reconcile("uid-2", () -> "reconciled", () -> "skipped")).isEqualTo("reconciled");
    }

    @Test
    void aCleanupWaitsForTheReconcileUnderWay() throws Exception {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch reconciling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> reconcile = CompletableFuture.supplyAsync(() -> gate.reconcile("uid-1", () -> {
            reconciling.countDown();
            await(release);
            order.add("create sent");
            return "reconciled";
        }, () -> "skipped"));
        assertThat(reconciling.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> cleanup = CompletableFuture.supplyAsync(() -> gate.cleanup("uid-1", () -> {
            order.add("vendor looked up");
            return "deleted";
        }));
        Thread.sleep(100);
        assertThat(cleanup).isNotDone();
        release.countDown();

        assertThat(cleanup.get(5, TimeUnit.SECONDS)).isEqualTo("deleted");
        assertThat(reconcile.get(5, TimeUnit.SECONDS)).isEqualTo("reconciled");
        assertThat(order).containsExactly("create sent", "vendor looked up");
    }

    @Test
    void otherDeploymentsNeverWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> gate.cleanup("uid-1", () -> {
            await(release);
            return null;
        }));

        assertThat(CompletableFuture.supplyAsync(() -> gate.reconcile("uid-2", () -> "reconciled", () -> "skipped"))
                .get(5, TimeUnit.SECONDS)).isEqualTo("reconciled");
        release.countDown();
    }

    @Test
    void aDeploymentGoneIsForgotten() {
        gate.cleanup("uid-1", () -> null);
        gate.forget("uid-1");

        assertThat(gate.size()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
