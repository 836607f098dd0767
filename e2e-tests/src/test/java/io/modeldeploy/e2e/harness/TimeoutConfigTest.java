package io.modeldeploy.e2e.harness;

import io.modeldeploy.sim.testing.JUnitTimeouts;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** This module's junit-platform.properties reaches the launcher, and its timeouts turn a hang into a failure. */
class TimeoutConfigTest {
    /** The slowest IT method of a full run (VendorEndpointIT, 33 s in the failsafe reports of main). */
    private static final Duration SLOWEST_MEASURED = Duration.ofSeconds(33);

    @Test
    void theDefaultTimeoutsAreSetWithMarginOverTheSlowestTest() {
        assertThat(JUnitTimeouts.configured(JUnitTimeouts.TESTABLE)).isEqualTo(Duration.ofMinutes(3))
                .isGreaterThan(SLOWEST_MEASURED.multipliedBy(5));
        assertThat(JUnitTimeouts.configured(JUnitTimeouts.LIFECYCLE)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aHangingTestFailsNamingItself() {
        TestExecutionSummary summary = JUnitTimeouts.runHangingTest(Duration.ofMillis(300));

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException()).isInstanceOf(TimeoutException.class)
                .hasMessage("waitsForWhatNeverComes() timed out after 300 milliseconds");
    }
}
