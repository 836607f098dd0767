package io.modeldeploy.gateway.catalog;

import io.modeldeploy.operator.api.v1alpha1.RoutingStrategy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the gateway needs of one ModelDeployment, read from its spec and status.
 *
 * @param servedNames  names the engines serve the base model under ({@code status.servedNames} of a base)
 * @param adapters     client model string (as in status) to adapter name, for the adapters this deployment serves
 * @param podOwner     the deployment whose pods serve it: itself, or a LoRA service's base
 * @param heldAdapters instance id to the adapters that engine holds ({@code status.instances[].loraModels})
 */
public record DeploymentView(String namespace, String name, List<String> servedNames, Map<String, String> adapters,
                             String podOwner, Optional<KeyRef> key, Optional<ManagedTarget> managed,
                             RoutingStrategy strategy, Limits limits, Map<String, Set<String>> heldAdapters) {

    public String id() {
        return namespace + "/" + name;
    }

    /** Every string a client may send as {@code model} for this deployment. */
    public Set<String> clientNames() {
        Set<String> names = new LinkedHashSet<>(servedNames);
        names.addAll(adapters.keySet());
        return names;
    }

    /** The adapter a client name selects, or empty for the base model. */
    public Optional<String> adapterFor(String clientName) {
        return Optional.ofNullable(adapters.get(clientName));
    }
}
