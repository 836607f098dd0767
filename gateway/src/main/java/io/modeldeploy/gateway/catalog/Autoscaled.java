package io.modeldeploy.gateway.catalog;

/**
 * A ModelDeployment with {@code spec.autoscaling}: the gateway holds its requests while no instance is ready and
 * reports its load to the operator.
 *
 * @param inCluster    its pods are the operator's (a managed target is never held: the vendor serves or refuses)
 * @param readyMessage the message of its {@code Ready} condition, empty when it has none yet; said to a client whose
 *                     held request timed out (e.g. no node has its GPU type)
 */
public record Autoscaled(String namespace, String name, boolean inCluster, String readyMessage) {

    public String id() {
        return namespace + "/" + name;
    }
}
