package io.modeldeploy.e2e.harness;

import io.modeldeploy.sim.testing.ClassTimeBudget;
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
    /** The slowest IT class of a full run (QianfanIT, 155 s). */
    private static final Duration SLOWEST_CLASS_MEASURED = Duration.ofSeconds(155);

    @Test
    void theDefaultTimeoutsAreSetWithMarginOverTheSlowestTest() {
        assertThat(JUnitTimeouts.configured(JUnitTimeouts.TESTABLE)).isEqualTo(Duration.ofMinutes(3))
                .isGreaterThan(SLOWEST_MEASURED.multipliedBy(5));
        assertThat(JUnitTimeouts.configured(JUnitTimeouts.LIFECYCLE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(JUnitTimeouts.configured(ClassTimeBudget.KEY)).isEqualTo(Duration.ofMinutes(10))
                .isGreaterThan(SLOWEST_CLASS_MEASURED.multipliedBy(3));
    }

    /** The budget's extension is found on this module's class path: a class that does not name it gets it. */
    @Test
    void aClassThatUsedUpItsBudgetFailsItsRemainingTests() {
        TestExecutionSummary summary = JUnitTimeouts.runSlowClass("300 ms");

        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getFailures()).hasSize(2).allSatisfy(f -> assertThat(f.getException())
                .hasMessageContaining("used up its time budget of PT0.3S"));
    }

    @Test
    void aHangingTestFailsNamingItself() {
        TestExecutionSummary summary = JUnitTimeouts.runHangingTest(Duration.ofMillis(300));

        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException()).isInstanceOf(TimeoutException.class)
                .hasMessage("waitsForWhatNeverComes() timed out after 300 milliseconds");
    }
}
