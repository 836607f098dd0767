package io.modeldeploy.operator.reconcile;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes of one stage go out together, all of them end before the stage does, and failures are never lost. */
class ConcurrentWritesTest {
    private final ConcurrentWrites writes = ConcurrentWrites.pooled(4);

    @Test
    void theWritesOfAStageAreInFlightTogether() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Runnable meetTheOther = () -> {
            bothStarted.countDown();
            try {
                // Only true if the other write runs at the same time: sequential writes would wait here in vain.
                assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };

        String result = writes.alongside(() -> {
            meetTheOther.run();
            return "main";
        }, meetTheOther);

        assertThat(result).isEqualTo("main");
    }

    @Test
    void aFailingWriteIsThrownOnlyAfterEveryOtherEnded() {
        AtomicBoolean slowEnded = new AtomicBoolean();
        CountDownLatch failed = new CountDownLatch(1);

        assertThatThrownBy(() -> writes.all(() -> {
            failed.countDown();
            throw new IllegalStateException("apply refused");
        }, () -> {
            try {
                failed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            slowEnded.set(true);
        })).hasMessage("apply refused");
        assertThat(slowEnded).isTrue();
    }

    @Test
    void theMainTasksCheckedFailureWinsAndTheOthersAreSuppressedInIt() {
        assertThatThrownBy(() -> writes.alongside(() -> {
            throw new ApiKeys.MissingKey("no key");
        }, () -> {
            throw new IllegalStateException("policy refused");
        })).isInstanceOf(ApiKeys.MissingKey.class)
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("policy refused"));
    }

    @Test
    void aFailureBesideTheMainTaskIsThrownWhenTheMainOneSucceeds() {
        assertThatThrownBy(() -> writes.alongside(() -> "fine", () -> {
            throw new IllegalStateException("service refused");
        })).hasMessage("service refused");
    }
}
