package io.modeldeploy.operator.api.v1alpha1;

/** How the gateway picks an instance for a request. */
public enum RoutingStrategy {
    /** The instance with the fewest requests in flight at this gateway replica (ties at random). */
    LeastInFlight,
    /** Requests with the same prompt prefix go to the same instance (consistent hashing with bounded load). */
    PrefixHash
}
