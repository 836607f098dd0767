package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.render.DesiredDigest;

import java.util.Optional;

/**
 * Every write the reconcile flows make to the API server, and the few reads that must not come from the
 * informers' caches because a write depends on them. An interface, so the flows are unit-tested against
 * an in-memory cluster.
 */
interface ClusterWriter {

    /**
     * Stamps {@code desired} with its digest and server-side applies it, unless {@code live} carries that digest
     * already: an idle deployment causes no writes at all.
     */
    default <R extends HasMetadata> void applyIfChanged(R desired, Optional<R> live) {
        R stamped = DesiredDigest.stamp(desired);
        if (live.isEmpty()) {
            applyOwned(stamped);
        } else if (!DesiredDigest.matches(live.get(), stamped)) {
            apply(stamped);
        }
    }

    /**
     * Makes {@code desired} unless an object of that name exists that its controller owner does not control: the
     * caches show only the operator's own objects, so the API server decides, in one create when nothing is there.
     *
     * @throws ResourceConflict when it would take over someone else's object
     */
    default void applyOwned(HasMetadata desired) {
        Optional<HasMetadata> existing = createIfAbsent(desired);
        if (existing.isEmpty()) {
            return;
        }
        if (!ControllerOwner.same(desired, existing.get())) {
            throw new ResourceConflict(existing.get());
        }
        apply(desired);
    }

    /**
     * Creates {@code desired} as the operator's field manager; when an object of its name exists already, leaves it
     * as it is and returns it.
     */
    Optional<HasMetadata> createIfAbsent(HasMetadata desired);

    /** Server-side applies {@code desired} as it is. */
    void apply(HasMetadata desired);

    void delete(HasMetadata resource);

    /** Adds {@code finalizer} to the ModelDeployment, leaving its other finalizers, spec and status as they are. */
    void addFinalizer(ModelDeployment md, String finalizer);

    /** The Secret as the API server has it now. */
    Optional<Secret> secret(String namespace, String name);

    /** Creates the Secret; when it exists already (a create the cache has not shown yet), the existing one. */
    default Secret createOrGet(Secret secret) {
        return createIfAbsent(secret).map(Secret.class::cast).orElse(secret);
    }

    /** The pod calls of multi-node group management. */
    GroupPodApi groupPods();
}
