package io.modeldeploy.operator.reconcile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** How rounds are asked for and run: one thread, bursts joined, only on the leader, failures survived. */
class LeaderOnlySweepTest {
    private final AtomicInteger rounds = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean leading = new AtomicBoolean(true);
    private final CountingSweep sweep = new CountingSweep();

    @AfterEach
    void stop() {
        sweep.stop();
    }

    @Test
    void requestsForARoundWhileOneIsPendingJoinIt() throws Exception {
        sweep.start();

        sweep.sweepSoon();
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("a round asked for runs without the timer").isTrue();
        for (int i = 0; i < 5; i++) {
            sweep.sweepSoon();
        }
        release.countDown();
        // The timer's one thread runs tasks in order: this one after every round queued before it.
        sweep.timer.submit(() -> { }).get(10, TimeUnit.SECONDS);

        assertThat(rounds).as("the first round, then one for the five asked while it ran").hasValue(2);
    }

    @Test
    void aReplicaThatDoesNotLeadRunsNoRound() throws Exception {
        release.countDown();
        leading.set(false);
        sweep.start();

        sweep.sweepSoon();
        sweep.timer.submit(() -> { }).get(10, TimeUnit.SECONDS);

        assertThat(rounds).hasValue(0);
    }

    @Test
    void aRoundThatFailsLeavesTheTimerRunning() throws Exception {
        release.countDown();
        sweep.failing = true;
        sweep.start();

        sweep.sweepSoon();
        sweep.sweepIfLeading();
        sweep.timer.submit(() -> { }).get(10, TimeUnit.SECONDS);

        assertThat(rounds).hasValue(2);
        assertThat(sweep.timer.isShutdown()).isFalse();
    }

    @Test
    void beforeItStartsNothingIsQueued() {
        sweep.sweepSoon();

        assertThat(rounds).hasValue(0);
    }

    private final class CountingSweep extends LeaderOnlySweep {
        volatile ScheduledExecutorService timer;
        volatile boolean failing;

        CountingSweep() {
            super("counting-sweep", Duration.ofHours(1), Duration.ofHours(1), leading::get);
        }

        @Override
        ScheduledExecutorService newTimer() {
            timer = super.newTimer();
            return timer;
        }

        @Override
        void sweep() {
            rounds.incrementAndGet();
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing) {
                throw new IllegalStateException("API server unavailable");
            }
        }
    }
}
