package io.modeldeploy.operator.api.v1alpha1;

/** What happens to a managed platform's service when its ModelDeployment is deleted. */
public enum DeletionPolicy {
    Delete, Retain
}
