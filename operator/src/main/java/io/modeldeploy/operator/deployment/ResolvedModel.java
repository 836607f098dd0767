package io.modeldeploy.operator.deployment;

import java.util.List;

/**
 * The model a deployment serves.
 *
 * @param uri         spec.model.uri, or {@code hf://<id>} when it is not given
 * @param location    where the engine finds the weights
 * @param servedNames the names clients send as "model": spec.model.servedNames, or the resource's name
 */
public record ResolvedModel(String id, String uri, ModelLocation location, List<String> servedNames) {
    public ResolvedModel {
        servedNames = List.copyOf(servedNames);
    }
}
