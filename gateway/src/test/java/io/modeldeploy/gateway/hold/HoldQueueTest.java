package io.modeldeploy.gateway.hold;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class HoldQueueTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger newDemands = new AtomicInteger();
    private final HoldQueue<String> queue = new HoldQueue<>(3, nanos::get, newDemands::incrementAndGet);

    @Test
    void releasesInArrivalOrderPerDeployment() {
        queue.hold("ns/a", "a1");
        queue.hold("ns/b", "b1");
        queue.hold("ns/a", "a2");
        queue.hold("ns/a", "a3");

        assertThat(queue.release("ns/a").stream().map(HoldQueue.Ticket::request)).containsExactly("a1", "a2", "a3");
        assertThat(queue.held("ns/a")).isZero();
        assertThat(queue.waiting()).containsExactly("ns/b");
        assertThat(queue.release("ns/a")).isEmpty();
    }

    @Test
    void aFullQueueHoldsNothingMoreButOtherDeploymentsStillHold() {
        for (String r : List.of("1", "2", "3")) {
            assertThat(queue.hold("ns/a", r)).isPresent();
        }

        assertThat(queue.hold("ns/a", "4")).isEmpty();
        assertThat(queue.held("ns/a")).isEqualTo(3);
        assertThat(queue.hold("ns/b", "1")).isPresent();
    }

    @Test
    void aRemovedRequestIsNeverReleasedAndFreesItsPlace() {
        var first = queue.hold("ns/a", "gone").orElseThrow();
        queue.hold("ns/a", "stays");
        queue.hold("ns/a", "also");

        assertThat(queue.remove(first)).isTrue();
        assertThat(queue.remove(first)).as("removed once only").isFalse();
        assertThat(queue.hold("ns/a", "fits again")).isPresent();
        assertThat(queue.release("ns/a").stream().map(HoldQueue.Ticket::request))
                .containsExactly("stays", "also", "fits again");
    }

    @Test
    void aReleasedRequestCannotBeRemovedAnyMore() {
        var ticket = queue.hold("ns/a", "r").orElseThrow();
        queue.release("ns/a");

        assertThat(queue.remove(ticket)).isFalse();
    }

    @Test
    void newDemandIsSignalledWhenAQueueGoesFromEmptyToNonEmptyOnly() {
        queue.hold("ns/a", "1");
        queue.hold("ns/a", "2");
        assertThat(newDemands).hasValue(1);

        queue.hold("ns/b", "1");
        assertThat(newDemands).hasValue(2);

        queue.release("ns/a");
        queue.hold("ns/a", "3");
        assertThat(newDemands).hasValue(3);
    }

    @Test
    void theOldestHeldRequestsAgeIsReported() {
        assertThat(queue.oldestHeldMillis("ns/a")).isZero();
        var first = queue.hold("ns/a", "1").orElseThrow();
        nanos.addAndGet(400_000_000L);
        queue.hold("ns/a", "2");
        nanos.addAndGet(450_000_000L);

        assertThat(queue.oldestHeldMillis("ns/a")).isEqualTo(850);
        queue.remove(first);
        assertThat(queue.oldestHeldMillis("ns/a")).isEqualTo(450);
    }
}
