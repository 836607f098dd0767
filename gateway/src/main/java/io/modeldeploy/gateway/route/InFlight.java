package io.modeldeploy.gateway.route;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests in flight at this gateway replica, per instance (for picking) and per deployment (for metrics, and
 * for the autoscaler to read later).
 */
public final class InFlight {
    private final ConcurrentHashMap<String, AtomicInteger> perInstance = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perDeployment = new ConcurrentHashMap<>();

    public int instance(String instanceKey) {
        AtomicInteger n = perInstance.get(instanceKey);
        return n == null ? 0 : n.get();
    }

    /** A deployment's requests in flight now (0 for one never seen, without remembering it). */
    public int deploymentCount(String deploymentId) {
        AtomicInteger n = perDeployment.get(deploymentId);
        return n == null ? 0 : n.get();
    }

    /** The live counter of a deployment (a gauge reads it). */
    public AtomicInteger deployment(String deploymentId) {
        return perDeployment.computeIfAbsent(deploymentId, id -> new AtomicInteger());
    }

    public void start(String deploymentId, String instanceKey) {
        perInstance.computeIfAbsent(instanceKey, k -> new AtomicInteger()).incrementAndGet();
        deployment(deploymentId).incrementAndGet();
    }

    public void finish(String deploymentId, String instanceKey) {
        // Counters of instances that are gone stay at 0 and are dropped: the map does not grow with pod churn.
        perInstance.computeIfPresent(instanceKey, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
        deployment(deploymentId).decrementAndGet();
    }
}
