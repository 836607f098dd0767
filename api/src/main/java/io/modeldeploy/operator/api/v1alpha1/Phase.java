package io.modeldeploy.operator.api.v1alpha1;

/** The lifecycle phase shown in {@code kubectl get md}. */
public enum Phase {
    Pending, Starting, Running, Stopping, Stopped, Failed
}
