package io.modeldeploy.operator.render;

/**
 * Where a deployment's API key lives, and a digest of its value. The digest goes into the pod
 * template so that a new key rolls the pods; it is a truncated SHA-256 of a random key, so it
 * reveals nothing of the key.
 */
public record ApiKeyRef(String secretName, String key, String valueDigest) {
}
