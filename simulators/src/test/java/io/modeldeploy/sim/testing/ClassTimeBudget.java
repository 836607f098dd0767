package io.modeldeploy.sim.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.time.Instant;

/**
 * A time budget per test class, on top of JUnit's per-method timeouts: a class whose methods each hang up to
 * their timeout would otherwise hold the build for methods x timeout. Once the class has used up its budget
 * (configuration parameter {@value #KEY}, JUnit's duration syntax), each of its remaining tests fails at once,
 * naming the class. Registered through {@code META-INF/services} with extension autodetection on; without the
 * parameter it does nothing.
 */
public final class ClassTimeBudget implements BeforeAllCallback, BeforeEachCallback {
    public static final String KEY = "modeldeploy.test.class.timeout";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClassTimeBudget.class);

    /** When the outermost class began: @Nested classes find their enclosing class's in the parent store. */
    private record Start(Class<?> testClass, Instant at) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).getOrComputeIfAbsent(Start.class,
                k -> new Start(context.getRequiredTestClass(), Instant.now()), Start.class);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Duration budget = context.getConfigurationParameter(KEY).map(JUnitTimeouts::parse).orElse(null);
        Start start = context.getStore(NAMESPACE).get(Start.class, Start.class);
        if (budget == null || start == null) {
            return;
        }
        Duration used = Duration.between(start.at(), Instant.now());
        if (used.compareTo(budget) > 0) {
            throw new AssertionError(start.testClass().getName() + " used up its time budget of " + budget + " (" + KEY
                    + ") after " + used.toSeconds() + " s: " + context.getDisplayName() + " not started");
        }
    }
}
