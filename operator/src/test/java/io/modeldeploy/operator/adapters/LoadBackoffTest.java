package io.modeldeploy.operator.adapters;

import io.modeldeploy.operator.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed loads wait 5s, 10s, 20s ... at most 5 minutes, per pod and adapter. */
class LoadBackoffTest {
    private final MutableClock clock = new MutableClock();
    private final LoadBackoff backoff = new LoadBackoff(clock);

    @Test
    void nothingIsBlockedBeforeAnyFailure() {
        assertThat(backoff.blocked("pod-1", "sql")).isEmpty();
        assertThat(backoff.nextRetry()).isEmpty();
    }

    private void sqlFailsOnPod1(int times) {
        for (int i = 0; i < times; i++) {
            backoff.failed("pod-1", "sql", "no");
        }
    }

    @Test
    void aFailureBlocksRetriesForFiveSecondsWithTheEnginesMessage() {
        backoff.failed("pod-1", "sql", "rank 128 > max_lora_rank 64");

        assertThat(backoff.blocked("pod-1", "sql")).contains("rank 128 > max_lora_rank 64");
        clock.advance(Duration.ofMillis(4999));
        assertThat(backoff.blocked("pod-1", "sql")).isPresent();
        clock.advance(Duration.ofMillis(1));
        assertThat(backoff.blocked("pod-1", "sql")).isEmpty();
    }

    @Test
    void eachFurtherFailureDoublesTheWait() {
        backoff.failed("pod-1", "sql", "no");
        clock.advance(Duration.ofSeconds(5));
        backoff.failed("pod-1", "sql", "no");

        assertThat(backoff.nextRetry()).contains(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        backoff.failed("pod-1", "sql", "no");
        assertThat(backoff.nextRetry()).contains(Duration.ofSeconds(20));
    }

    @Test
    void theWaitNeverExceedsFiveMinutes() {
        sqlFailsOnPod1(40);

        assertThat(backoff.nextRetry()).contains(Duration.ofMinutes(5));
    }

    @Test
    void theLatestMessageIsReported() {
        backoff.failed("pod-1", "sql", "first");
        backoff.failed("pod-1", "sql", "second");

        assertThat(backoff.blocked("pod-1", "sql")).contains("second");
    }

    @Test
    void backoffIsPerPodAndPerAdapter() {
        sqlFailsOnPod1(1);

        assertThat(backoff.blocked("pod-2", "sql")).isEmpty();
        assertThat(backoff.blocked("pod-1", "chat")).isEmpty();
    }

    @Test
    void successForgetsEarlierFailures() {
        sqlFailsOnPod1(2);
        backoff.succeeded("pod-1", "sql");

        assertThat(backoff.blocked("pod-1", "sql")).isEmpty();
        backoff.failed("pod-1", "sql", "again");
        assertThat(backoff.nextRetry()).contains(Duration.ofSeconds(5));
    }

    @Test
    void nextRetryIsTheEarliestPendingOne() {
        sqlFailsOnPod1(2);
        clock.advance(Duration.ofSeconds(3));
        backoff.failed("pod-2", "chat", "no");

        assertThat(backoff.nextRetry()).contains(Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(5));
        assertThat(backoff.nextRetry()).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        assertThat(backoff.nextRetry()).isEmpty();
    }

    @Test
    void podsThatAreGoneAreForgotten() {
        backoff.failed("pod-1", "sql", "no");
        backoff.failed("pod-2", "sql", "no");

        backoff.retainPods(Set.of("pod-2"));

        assertThat(backoff.blocked("pod-1", "sql")).isEmpty();
        assertThat(backoff.blocked("pod-2", "sql")).isPresent();
    }
}
