package io.modeldeploy.operator.deployment;

/** The names of the objects the operator creates for a deployment, in one place. */
public final class Names {
    /**
     * The longest ModelDeployment name that still leaves room for the group suffix in a pod name, which
     * is also the pod's hostname and so a DNS label of at most 63 characters.
     */
    public static final int MAX_MULTI_NODE_NAME_LENGTH = 45;

    private Names() {
    }

    /** The Secret an operator-owned API key is generated into. */
    public static String generatedApiKeySecret(String deployment) {
        return deployment + "-api-key";
    }

    public static String adapterSyncConfigMap(DeploymentRef ref) {
        return ref.name() + "-adapter-sync";
    }

    /** The headless Service that gives each leader pod a stable DNS name its workers can reach before it is ready. */
    public static String leadersService(DeploymentRef ref) {
        return ref.name() + "-leaders";
    }

    public static String groupPod(DeploymentRef ref, GroupMember member) {
        return ref.name() + "-" + member.group() + "-" + member.incarnation() + "-" + member.rank();
    }

    /** The DNS name of the member's leader, resolvable through the leaders Service (cluster domain left to the search path). */
    public static String leaderAddress(DeploymentRef ref, GroupMember member) {
        return groupPod(ref, member.leader()) + "." + leadersService(ref) + "." + ref.namespace() + ".svc";
    }
}
