package io.modeldeploy.sim.testing;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.assertj.core.api.Assertions.assertThat;

/** The class budget, autodetected from this module's junit-platform.properties and META-INF/services. */
class ClassTimeBudgetTest {
    @Test
    void theTestsAfterTheBudgetIsUsedUpFailNamingTheClass() {
        TestExecutionSummary summary = JUnitTimeouts.runSlowClass("300 ms");

        assertThat(summary.getTestsSucceededCount()).as("the first test, started within the budget").isEqualTo(1);
        assertThat(summary.getTestsFailedCount()).isEqualTo(2);
        assertThat(summary.getFailures()).allSatisfy(f -> assertThat(f.getException())
                .hasMessageContaining(JUnitTimeouts.SlowClass.class.getName() + " used up its time budget of PT0.3S"));
    }

    @Test
    void withinItsBudgetAClassRunsAsBefore() {
        assertThat(JUnitTimeouts.runSlowClass("1 m").getTestsSucceededCount()).isEqualTo(3);
    }
}
