package io.modeldeploy.gateway.catalog;

/** One serving engine: a ready pod (the leader of a multi-node group) at its address. */
public record Instance(String namespace, String id, String host, int port) {

    /** The in-flight counters' key: pod names are unique only within a namespace. */
    public String key() {
        return namespace + "/" + id;
    }
}
