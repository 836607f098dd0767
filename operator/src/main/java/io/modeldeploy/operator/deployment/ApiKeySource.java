package io.modeldeploy.operator.deployment;

/**
 * Where a deployment's API key lives.
 *
 * @param operatorOwned the operator generates it into {@code <name>-api-key}, rather than reading the user's Secret
 */
public record ApiKeySource(String secretName, String key, boolean operatorOwned) {
}
