package io.modeldeploy.e2e.chaos;

/**
 * The operator's deployment paths the suite drives: each a different flow in the operator, with its own objects (a
 * Deployment, pod groups, nothing but status, a vendor service) and its own ways to duplicate or orphan them.
 */
enum Kind {
    /** One pod per replica through an apps/v1 Deployment, with LoRA adapters of its own. */
    IN_CLUSTER(2, true, true),
    /** Each replica a group of a leader and a worker pod on two nodes, created and replaced as one. */
    MULTI_NODE(2, true, false),
    /** Adapters on the fleet's LoRA base: no pods of its own, only adapters loaded into the base's engines. */
    LORA_SERVICE(0, false, true),
    /** A service on the SIMULATED d.run: nothing in the cluster, everything at the vendor. */
    MANAGED(3, true, false),
    /** The one base of the LoRA services: created before the steps and never changed by them. */
    LORA_BASE(0, false, false);

    private final int maxReplicas;
    private final boolean stoppable;
    private final boolean adapters;

    Kind(int maxReplicas, boolean stoppable, boolean adapters) {
        this.maxReplicas = maxReplicas;
        this.stoppable = stoppable;
        this.adapters = adapters;
    }

    /** 0: not scalable (a LoRA service has the base's replicas). */
    int maxReplicas() {
        return maxReplicas;
    }

    boolean stoppable() {
        return stoppable;
    }

    boolean hasAdapters() {
        return adapters;
    }
}
