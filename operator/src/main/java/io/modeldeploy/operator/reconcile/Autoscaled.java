package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.autoscale.EngineEndpoint;
import io.modeldeploy.operator.autoscale.ScaleBook;
import io.modeldeploy.operator.autoscale.ScaleKey;
import io.modeldeploy.operator.autoscale.ScaleStart;
import io.modeldeploy.operator.autoscale.ScaleTarget;
import io.modeldeploy.operator.deployment.AutoscalePolicy;
import io.modeldeploy.operator.deployment.GroupLabels;
import io.modeldeploy.operator.deployment.ResolvedDeployment;
import io.modeldeploy.operator.deployment.ScaleDecision;
import io.modeldeploy.operator.engine.Engine;
import io.modeldeploy.operator.engine.Engines;
import io.modeldeploy.operator.status.LivePods;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Puts the scaler's count in place of spec.replicas for deployments with spec.autoscaling, and keeps the scaler's
 * book in step with the informer caches: which deployments to sample, and which of their instances are ready.
 */
@Singleton
final class Autoscaled {
    private final ScaleBook book;
    private final Clock clock;

    Autoscaled(ScaleBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    /**
     * @param pods the deployment's pods, from the informer cache
     * @return {@code d} with the decided count when it has spec.autoscaling, else {@code d} as it is
     */
    ResolvedDeployment apply(ResolvedDeployment d, ModelDeployment md, Collection<Pod> pods) {
        ScaleKey key = key(md);
        if (d.autoscaling().isEmpty()) {
            book.forget(key);
            return d;
        }
        AutoscalePolicy policy = d.autoscaling().get();
        ScaleDecision decision = book.track(new ScaleTarget(key, policy, d.inCluster() ? engines(d, pods) : List.of()),
                () -> ScaleStart.of(policy, Optional.ofNullable(md.getStatus()), clock.instant()), clock.instant());
        return d.scaledBy(decision);
    }

    /** It went, or its spec no longer resolves. */
    void forget(ModelDeployment md) {
        book.forget(key(md));
    }

    /** Engines that serve requests: ready pods, of a multi-node group its leader (the workers run no HTTP server). */
    private static List<EngineEndpoint> engines(ResolvedDeployment d, Collection<Pod> pods) {
        Engine engine = Engines.of(d.backend().orElseThrow());
        return pods.stream()
                .filter(p -> !GroupLabels.WORKER.equals(p.getMetadata().getLabels().get(GroupLabels.ROLE)))
                .filter(LivePods::servesRequests)
                .map(p -> new EngineEndpoint(p.getMetadata().getName(), p.getStatus().getPodIP(), d.enginePort(), engine))
                .toList();
    }

    private static ScaleKey key(ModelDeployment md) {
        return new ScaleKey(md.getMetadata().getNamespace(), md.getMetadata().getName());
    }
}
