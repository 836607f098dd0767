package io.modeldeploy.operator.reconcile;

import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Removes the gateway's copies of keys no live deployment names ({@link GatewayKeys#sweep}). A deletion asks for a
 * round at once ({@link DeletedDeployments}); the timer catches what that round cannot see: a copy published by a
 * reconcile still running when its deployment went, a deployment deleted while no replica led, a changed
 * spec.apiKey. A round reads caches only.
 */
final class PublishedKeySweeps extends LeaderOnlySweep {
    static final Duration PERIOD = Duration.ofSeconds(30);
    private static final Duration FIRST = Duration.ofSeconds(5);

    private final GatewayKeys keys;
    private final Supplier<Collection<ModelDeployment>> deployments;

    PublishedKeySweeps(GatewayKeys keys, Supplier<Collection<ModelDeployment>> deployments) {
        this(keys, deployments, FIRST, null);
    }

    PublishedKeySweeps(GatewayKeys keys, Supplier<Collection<ModelDeployment>> deployments, Duration first,
                       BooleanSupplier leading) {
        super("published-key-sweep", first, PERIOD, leading);
        this.keys = keys;
        this.deployments = deployments;
    }

    @Override
    void sweep() {
        keys.sweep(deployments.get());
    }
}
