package io.modeldeploy.gateway.catalog;

/** The Secret (and field in it) that holds a deployment's API key, in the deployment's namespace. */
public record KeyRef(String namespace, String secret, String field) {
}
