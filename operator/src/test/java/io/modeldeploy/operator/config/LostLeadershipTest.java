package io.modeldeploy.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LostLeadershipTest {

    @Test
    void theSdkDoesNotExitOnStopLeadingItself() {
        LeaderElectionConfiguration configuration = LeaderElectionProducer.configuration("lease", "ns",
                new LostLeadership(() -> false, () -> { }), "replica-0");

        // Its System.exit from inside the shutdown blocked a SIGTERMed replica until SIGKILL (ChaosIT, two operators).
        assertThat(configuration.isExitOnStopLeading()).isFalse();
        assertThat(configuration.getLeaderCallbacks()).isPresent();
        assertThat(configuration.getLeaseNamespace()).contains("ns");
    }

    @Test
    void stoppingToLeadWhileShuttingDownEndsNothing() {
        AtomicInteger exits = new AtomicInteger();
        LostLeadership lost = new LostLeadership(() -> true, exits::incrementAndGet);

        lost.callbacks("replica-0").onStopLeading();

        assertThat(exits).hasValue(0);
    }

    @Test
    void lostLeadershipEndsTheProcessFromAThreadOfItsOwn() throws InterruptedException {
        CountDownLatch exited = new CountDownLatch(1);
        Thread[] exitThread = new Thread[1];
        LostLeadership lost = new LostLeadership(() -> false, () -> {
            exitThread[0] = Thread.currentThread();
            exited.countDown();
        });

        lost.callbacks("replica-0").onStopLeading();

        assertThat(exited.await(10, TimeUnit.SECONDS)).as("exit ran").isTrue();
        assertThat(exitThread[0]).isNotSameAs(Thread.currentThread());
    }
}
