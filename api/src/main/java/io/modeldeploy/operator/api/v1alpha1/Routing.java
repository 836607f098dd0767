package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** How the gateway spreads this deployment's requests over its instances. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Routing {
    @JsonPropertyDescription("LeastInFlight (default) or PrefixHash: the same prompt prefix to the same instance, so its KV cache is reused, with bounded load.")
    private RoutingStrategy strategy;

    public RoutingStrategy getStrategy() {
        return strategy;
    }

    public void setStrategy(RoutingStrategy strategy) {
        this.strategy = strategy;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Routing other && Objects.equals(strategy, other.strategy);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(strategy);
    }
}
