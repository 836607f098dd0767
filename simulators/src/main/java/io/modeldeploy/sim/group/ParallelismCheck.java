package io.modeldeploy.sim.group;

import java.util.Optional;

/**
 * The GPU arithmetic the real engines check at start, with their wording: a launch that asks for more GPUs
 * than it has makes the engine exit instead of loading.
 */
final class ParallelismCheck {
    private ParallelismCheck() {
    }

    /**
     * vLLM without Ray runs all its workers in the pod: tensor x pipeline parallel must fit the pod's GPUs.
     *
     * @param podGpus the container's GPU limit; 0 when it declares none (then nothing is checked)
     */
    static Optional<String> vllmLocal(int tp, int pp, Optional<String> backend, int podGpus) {
        int worldSize = tp * pp;
        if (podGpus > 0 && worldSize > podGpus && !backend.orElse("").equals("ray")) {
            return Optional.of("ValueError: World size (" + worldSize + ") is larger than the number of available GPUs ("
                    + podGpus + ") in this node. If this is intentional and you are using multiple nodes, set "
                    + "'--distributed-executor-backend ray'.");
        }
        return Optional.empty();
    }

    /** vLLM on Ray places one worker per GPU of the Ray cluster: tensor x pipeline parallel must fit its GPUs. */
    static Optional<String> vllmOnRay(int tp, int pp, int clusterGpus) {
        int worldSize = tp * pp;
        if (worldSize > clusterGpus) {
            return Optional.of("ValueError: The number of required GPUs (" + worldSize + ") exceeds the total number of "
                    + "available GPUs (" + clusterGpus + ") in the placement group.");
        }
        return Optional.empty();
    }

    /**
     * SGLang splits {@code --tp-size} evenly over {@code --nnodes}: each node runs tp/nnodes ranks on its own GPUs.
     *
     * @param podGpus the container's GPU limit; 0 when it declares none (then only divisibility is checked)
     */
    static Optional<String> sglang(int tp, int nnodes, int nodeRank, int podGpus) {
        if (nnodes < 1) {
            return Optional.of("--nnodes must be at least 1, got " + nnodes);
        }
        if (nodeRank < 0 || nodeRank >= nnodes) {
            return Optional.of("--node-rank " + nodeRank + " is out of range for --nnodes " + nnodes);
        }
        if (tp % nnodes != 0) {
            return Optional.of("tp_size (" + tp + ") must be divisible by nnodes (" + nnodes + ")");
        }
        int perNode = tp / nnodes;
        if (podGpus > 0 && perNode > podGpus) {
            return Optional.of("RuntimeError: this node runs " + perNode + " tensor parallel ranks (tp_size " + tp
                    + " / nnodes " + nnodes + ") but has only " + podGpus + " GPUs");
        }
        return Optional.empty();
    }
}
