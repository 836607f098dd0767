package io.modeldeploy.sim.testing;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The default JUnit timeouts of a module, read from its {@code junit-platform.properties} the way the build's
 * launcher reads them, and a run of a test that hangs, so that each module's TimeoutConfigTest can show both
 * that the file is picked up and that a hang then fails instead of stalling the build.
 */
public final class JUnitTimeouts {
    public static final String TESTABLE = "junit.jupiter.execution.timeout.testable.method.default";
    public static final String LIFECYCLE = "junit.jupiter.execution.timeout.lifecycle.method.default";
    /** JUnit's duration syntax: a number and an optional unit, seconds when none is given. */
    private static final Pattern DURATION = Pattern.compile("([1-9]\\d*)\\s*(ns|μs|ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Duration> UNITS = Map.of("ns", Duration.ofNanos(1), "μs", Duration.ofNanos(1000),
            "ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1),
            "h", Duration.ofHours(1), "d", Duration.ofDays(1));

    private static volatile boolean armed;

    private JUnitTimeouts() {
    }

    /** The value a launcher started on this class path sees (implicit {@code junit-platform.properties}). */
    public static Duration configured(String key) {
        String value = LauncherDiscoveryRequestBuilder.request().build().getConfigurationParameters().get(key)
                .orElseThrow(() -> new AssertionError(key + " is not set: no junit-platform.properties on the test class path"));
        return parse(value);
    }

    static Duration parse(String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new AssertionError("'" + value + "' is not a JUnit timeout (JUnit would ignore it with a warning)");
        }
        Duration unit = m.group(2) == null ? Duration.ofSeconds(1) : UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        return unit.multipliedBy(Long.parseLong(m.group(1)));
    }

    /**
     * Runs {@link Hanging} with every setting of this class path's {@code junit-platform.properties} but the
     * test-method timeout, shortened so that the run takes a moment.
     */
    public static TestExecutionSummary runHangingTest(Duration timeout) {
        return runArmed(Hanging.class, TESTABLE, timeout.toMillis() + " ms");
    }

    /**
     * Runs {@link SlowClass} with this class path's {@code junit-platform.properties}, its class budget set to
     * {@code budget}: the extension must come from there (autodetection), as the class does not name it.
     */
    public static TestExecutionSummary runSlowClass(String budget) {
        return runArmed(SlowClass.class, ClassTimeBudget.KEY, budget);
    }

    /** Runs {@code testClass} with one configuration parameter set, its slow tests armed for this run only. */
    private static TestExecutionSummary runArmed(Class<?> testClass, String key, String value) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter(key, value)
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        armed = true;
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            armed = false;
        }
        return listener.getSummary();
    }

    /** A test that never ends by itself; it returns at once unless run by {@link #runHangingTest}. */
    public static class Hanging {
        @Test
        void waitsForWhatNeverComes() throws InterruptedException {
            if (armed) {
                new CountDownLatch(1).await();
            }
        }
    }

    /** Its first test takes half a second when run by {@link #runSlowClass}; the others take nothing. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    public static class SlowClass {
        @Test
        @Order(1)
        void slow() throws InterruptedException {
            if (armed) {
                Thread.sleep(500);
            }
        }

        @Test
        @Order(2)
        void second() {
        }

        @Test
        @Order(3)
        void third() {
        }
    }
}
