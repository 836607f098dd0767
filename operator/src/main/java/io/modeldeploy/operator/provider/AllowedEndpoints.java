package io.modeldeploy.operator.provider;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where one provider's calls, and so a tenant's credentials, may go (tenancy.md): the installation's list of endpoint
 * prefixes. Pure.
 */
public record AllowedEndpoints(List<EndpointPrefix> prefixes) {

    public AllowedEndpoints {
        prefixes = List.copyOf(prefixes);
    }

    public static AllowedEndpoints of(List<String> prefixes) {
        return new AllowedEndpoints(prefixes.stream().filter(p -> !p.isBlank()).map(EndpointPrefix::parse).toList());
    }

    public boolean allows(URI apiBase) {
        return prefixes.stream().anyMatch(p -> p.allows(apiBase));
    }

    /** The same list with one more prefix. */
    public AllowedEndpoints with(EndpointPrefix prefix) {
        return new AllowedEndpoints(java.util.stream.Stream.concat(prefixes.stream(), java.util.stream.Stream.of(prefix))
                .distinct().toList());
    }

    /** For messages: the prefixes as configured, or that there are none. */
    public String describe() {
        return prefixes.isEmpty() ? "none (the installation allows no endpoint for this provider)"
                : prefixes.stream().map(EndpointPrefix::text).distinct().collect(Collectors.joining(", "));
    }
}
