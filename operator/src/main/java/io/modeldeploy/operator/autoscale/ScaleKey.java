package io.modeldeploy.operator.autoscale;

/** A deployment the scaler decides for, as the gateway's load report names it. */
public record ScaleKey(String namespace, String name) {
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
