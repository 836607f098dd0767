package io.modeldeploy.sim.testing;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** This module's junit-platform.properties reaches the launcher, and its timeouts turn a hang into a failure. */
class TimeoutConfigTest {
    /** The slowest test method of this module in CI's reports (EngineLifecycleTest, 1.5 s). */
    private static final Duration SLOWEST_MEASURED = Duration.ofMillis(1500);

    @Test
    void theDefaultTimeoutsAreSetWithMarginOverTheSlowestTest() {
        assertThat(JUnitTimeouts.configured(JUnitTimeouts.TESTABLE)).isGreaterThanOrEqualTo(SLOWEST_MEASURED.multipliedBy(10));
        assertThat(JUnitTimeouts.configured(JUnitTimeouts.LIFECYCLE)).isGreaterThanOrEqualTo(SLOWEST_MEASURED.multipliedBy(10));
        assertThat(JUnitTimeouts.configured(ClassTimeBudget.KEY)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aHangingTestFailsNamingItself() {
        Instant start = Instant.now();

        TestExecutionSummary summary = JUnitTimeouts.runHangingTest(Duration.ofMillis(300));

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        Throwable failure = summary.getFailures().get(0).getException();
        assertThat(failure).isInstanceOf(TimeoutException.class)
                .hasMessage("waitsForWhatNeverComes() timed out after 300 milliseconds");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }
}
