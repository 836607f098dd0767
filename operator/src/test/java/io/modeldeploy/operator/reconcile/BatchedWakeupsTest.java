package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes within a batch period wake their deployment once, when the period ends; without a period, at once. */
class BatchedWakeupsTest {
    private static final ResourceID A = new ResourceID("a", "team");
    private static final ResourceID B = new ResourceID("b", "team");

    private final List<ResourceID> woken = new ArrayList<>();
    private final HeldTimer timer = new HeldTimer();

    private BatchedWakeups started(Duration period) {
        BatchedWakeups batches = new BatchedWakeups(period, () -> timer);
        batches.setEventHandler(event -> woken.add(event.getRelatedCustomResourceID()));
        batches.start();
        return batches;
    }

    @Test
    void changesWithinAPeriodWakeTheirDeploymentOnceWhenItEnds() {
        BatchedWakeups batches = started(Duration.ofSeconds(1));

        assertThat(batches.later(A)).as("the informer does not wake it itself").isFalse();
        batches.later(A);
        batches.later(B);
        batches.later(A);

        assertThat(woken).as("nothing before the period ends").isEmpty();
        assertThat(timer.delays).containsExactly(1000L, 1000L);
        timer.runDue();
        assertThat(woken).containsExactly(A, B);
    }

    @Test
    void aChangeAfterTheWakeupOpensABatchOfItsOwn() {
        BatchedWakeups batches = started(Duration.ofSeconds(1));
        batches.later(A);
        timer.runDue();

        batches.later(A);
        timer.runDue();

        assertThat(woken).containsExactly(A, A);
    }

    @Test
    void withoutAPeriodTheInformerWakesTheDeploymentItself() {
        BatchedWakeups batches = started(Duration.ZERO);

        assertThat(batches.later(A)).isTrue();
        assertThat(timer.tasks).isEmpty();
    }

    @Test
    void beforeItStartsAndAfterItStopsTheInformerWakesTheDeploymentItself() {
        BatchedWakeups notStarted = new BatchedWakeups(Duration.ofSeconds(1));
        assertThat(notStarted.later(A)).isTrue();

        BatchedWakeups batches = started(Duration.ofSeconds(1));
        batches.later(B);
        batches.stop();
        assertThat(batches.later(A)).isTrue();
        timer.runDue();
        assertThat(woken).as("a batch still open when it stopped wakes nobody").isEmpty();
    }

    /** Holds what is scheduled until the test runs it: time passes when the test says so. */
    private static final class HeldTimer extends ScheduledThreadPoolExecutor {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        HeldTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (isShutdown()) {
                return super.schedule(command, delay, unit);
            }
            tasks.add(command);
            delays.add(unit.toMillis(delay));
            return null;
        }

        void runDue() {
            List<Runnable> due = new ArrayList<>(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }
}
