package io.modeldeploy.operator;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * This module's junit-platform.properties reaches the launcher, and its timeouts turn a hang into a failure.
 * (The simulators and the e2e tests share {@code io.modeldeploy.sim.testing.JUnitTimeouts}; the operator does
 * not depend on the simulators, hence this self-contained copy.)
 */
class TimeoutConfigTest {
    private static final String TESTABLE = "junit.jupiter.execution.timeout.testable.method.default";
    private static final String LIFECYCLE = "junit.jupiter.execution.timeout.lifecycle.method.default";
    private static volatile boolean armed;

    @Test
    void theDefaultTimeoutsAreTheOnesOfThisModulesFile() {
        var seen = LauncherDiscoveryRequestBuilder.request().build().getConfigurationParameters();

        // 30 times the slowest unit test here (AdapterSyncScriptTest, 2 s in CI's reports).
        assertThat(seen.get(TESTABLE)).contains("60 s");
        assertThat(seen.get(LIFECYCLE)).contains("60 s");
    }

    @Test
    void aHangingTestFailsNamingItself() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Hanging.class)).configurationParameter(TESTABLE, "300 ms").build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Instant start = Instant.now();
        armed = true;
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            armed = false;
        }

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException()).isInstanceOf(TimeoutException.class)
                .hasMessage("waitsForWhatNeverComes() timed out after 300 milliseconds");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    /** A test that never ends by itself; it returns at once unless run by the test above. */
    public static class Hanging {
        @Test
        void waitsForWhatNeverComes() throws InterruptedException {
            if (armed) {
                new CountDownLatch(1).await();
            }
        }
    }
}
