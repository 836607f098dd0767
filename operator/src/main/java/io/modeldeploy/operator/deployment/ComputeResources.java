package io.modeldeploy.operator.deployment;

import java.util.Optional;

/**
 * What each node of an instance gets. CPU and memory stay empty when the spec leaves them out: the
 * in-cluster renderer fills the installation's defaults, a vendor its own.
 *
 * @param gpuCount GPUs per node (0: none)
 * @param workers  nodes per instance (1: single-node)
 */
public record ComputeResources(Optional<String> cpu, Optional<String> memory, Optional<String> gpuType, int gpuCount,
                               int workers) {
    public boolean hasGpus() {
        return gpuCount > 0 && gpuType.isPresent();
    }

    public boolean multiNode() {
        return workers > 1;
    }

    /** What `kubectl get md` shows: {@code 2xH100}, {@code 8xH200 x 2 nodes}, or {@code none}. */
    public String gpuSummary() {
        if (gpuCount == 0) {
            return "none";
        }
        String perNode = gpuCount + "x" + gpuType.orElse(null);
        return workers > 1 ? perNode + " x " + workers + " nodes" : perNode;
    }
}
