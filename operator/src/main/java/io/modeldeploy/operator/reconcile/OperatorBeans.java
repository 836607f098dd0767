package io.modeldeploy.operator.reconcile;

import io.modeldeploy.operator.adapters.AdapterReports;
import io.modeldeploy.operator.adapters.LoadBackoff;
import io.modeldeploy.operator.config.OperatorConfig;
import io.modeldeploy.operator.provider.Providers;
import io.modeldeploy.operator.render.RenderSettings;
import io.modeldeploy.operator.validate.DeploymentResolver;
import io.modeldeploy.operator.validate.SpecLimits;
import io.modeldeploy.operator.validate.TenantPolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The plain objects the flows share, made once from the operator's configuration. */
final class OperatorBeans {
    /** A few objects per deployment at once, across the reconciles running together. */
    private static final int WRITE_THREADS = 32;

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RenderSettings renderSettings(OperatorConfig config) {
        return RenderSettings.from(config);
    }

    /** The managed flow's pacing; a nested group of the mapping is no bean by itself. */
    @Produces
    @Singleton
    OperatorConfig.Managed managed(OperatorConfig config) {
        return config.managed();
    }

    @Produces
    @Singleton
    DeploymentResolver resolver(Providers providers, OperatorConfig config) {
        return new DeploymentResolver(providers, TenantPolicy.from(config.policy()), config.multiNode().enabled(),
                SpecLimits.from(config.policy()));
    }

    @Produces
    @Singleton
    BatchedWakeups batchedWakeups(OperatorConfig config) {
        return new BatchedWakeups(config.batchPeriod());
    }

    @Produces
    @Singleton
    HostIngresses hostIngresses() {
        return HostIngresses.fromInformer();
    }

    @Produces
    @Singleton
    GatewayKeys gatewayKeys(OperatorConfig config, ClusterWriter cluster) {
        return new GatewayKeys(config.gateway().namespace(), cluster);
    }

    /** Writes beside the reconcile threads' own: the objects of one deployment go out together. */
    @Produces
    @Singleton
    ConcurrentWrites concurrentWrites() {
        return ConcurrentWrites.pooled(WRITE_THREADS);
    }

    @Produces
    @Singleton
    AdapterReports adapterReports() {
        return new AdapterReports();
    }

    @Produces
    @Singleton
    LoadBackoff loadBackoff(Clock clock) {
        return new LoadBackoff(clock);
    }
}
