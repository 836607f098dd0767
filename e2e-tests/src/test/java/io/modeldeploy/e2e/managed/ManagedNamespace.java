package io.modeldeploy.e2e.managed;

import io.modeldeploy.e2e.support.TestNamespace;
import io.modeldeploy.sim.platform.http.PlatformSimulator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The harness of a managed vendor's IT, as a JUnit 5 extension on {@link ManagedTargetScenarios}: it reads the
 * vendor's {@link ManagedPlatform} from the test instance, then, before the tests, creates a {@link TestNamespace}
 * with the operator, starts the vendor's SIMULATED API in this JVM and writes the credentials Secret; after them it
 * releases the deployments left ({@link ManagedPlatform.Release}) and keeps the simulator answering the finalizers
 * until the namespace is gone, then stops it.
 */
final class ManagedNamespace implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(ManagedNamespace.class);

    /** What one test class started. */
    private static final class Target<S extends PlatformSimulator> {
        final ManagedPlatform<S> platform;
        final TestNamespace ns;
        ManagedTargetSupport managed;
        S simulator;

        Target(ManagedPlatform<S> platform) {
            this.platform = platform;
            this.ns = TestNamespace.withOperator(platform.namespacePrefix());
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start((ManagedTargetScenarios<?>) context.getRequiredTestInstance(), context);
    }

    private <S extends PlatformSimulator> void start(ManagedTargetScenarios<S> scenarios, ExtensionContext context) {
        Target<S> target = new Target<>(scenarios.platform);
        context.getStore(STORE).put(Target.class, target);
        target.ns.create();
        target.managed = new ManagedTargetSupport(target.ns);
        target.simulator = target.platform.simulator().get();
        target.managed.writeSecret(target.platform.credentials().secretName(), target.platform.credentials().valid());
        scenarios.bind(target.ns, target.managed, target.simulator);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Target<?> target = context.getStore(STORE).get(Target.class, Target.class);
        if (target == null) {
            return;
        }
        try {
            // The simulator answers the finalizers until the namespace is gone.
            if (target.managed != null) {
                switch (target.platform.release()) {
                    case DELETE_ALL -> target.managed.deleteAllDeployments();
                    case RETAIN_ALL -> target.managed.retainAll();
                }
            }
            target.ns.delete();
        } finally {
            if (target.simulator != null) {
                target.simulator.close();
            }
        }
    }
}
