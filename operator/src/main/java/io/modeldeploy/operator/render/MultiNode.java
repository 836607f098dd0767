package io.modeldeploy.operator.render;

import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

/**
 * Names and labels of multi-node instances ({@code workers > 1}): each instance is a group of pods, a
 * leader (rank 0) and workers, created together as one incarnation and replaced together.
 */
public final class MultiNode {
    public static final String GROUP = "modeldeploy.io/group";
    public static final String INCARNATION = "modeldeploy.io/group-incarnation";
    public static final String ROLE = "modeldeploy.io/role";
    public static final String RANK = "modeldeploy.io/rank";
    public static final String LEADER = "leader";
    public static final String WORKER = "worker";
    /** Why this incarnation replaced the previous one (absent on a group's first incarnation). */
    public static final String RESTART_REASON = "modeldeploy.io/group-restart-reason";
    /** How many times in a row the group was replaced shortly after it started (drives the restart backoff). */
    public static final String RESTARTS = "modeldeploy.io/group-restarts";
    /** Digest of the group's spec (names aside): a different digest means the spec changed. */
    public static final String GROUP_DIGEST = "modeldeploy.io/group-digest";

    /** Ray's GCS port on the vLLM leader; SGLang's torch.distributed rendezvous port on rank 0. */
    public static final int RAY_PORT = 6379;
    public static final int SGLANG_DIST_PORT = 5000;

    /**
     * The longest ModelDeployment name that still leaves room for the group suffix in a pod name, which
     * is also the pod's hostname and so a DNS label of at most 63 characters.
     */
    public static final int MAX_NAME_LENGTH = 45;

    private MultiNode() {
    }

    /** Nodes per instance; 1 for single-node instances and for modes without quickStart resources. */
    public static int workers(ModelDeployment md) {
        var qs = md.getSpec().getQuickStart();
        Integer workers = qs == null || qs.getResources() == null ? null : qs.getResources().getWorkers();
        return workers == null ? 1 : workers;
    }

    public static boolean enabled(ModelDeployment md) {
        return workers(md) > 1;
    }

    /** The headless Service that gives each leader pod a stable DNS name its workers can reach before it is ready. */
    public static String leadersServiceName(ModelDeployment md) {
        return md.getMetadata().getName() + "-leaders";
    }

    public static String podName(ModelDeployment md, GroupMember member) {
        return md.getMetadata().getName() + "-" + member.group() + "-" + member.incarnation() + "-" + member.rank();
    }

    /** The DNS name of the member's leader, resolvable through the leaders Service (cluster domain left to the search path). */
    public static String leaderAddress(ModelDeployment md, GroupMember member) {
        return podName(md, member.leader()) + "." + leadersServiceName(md) + "." + md.getMetadata().getNamespace() + ".svc";
    }
}
