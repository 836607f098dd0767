package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the gateway (modeldeploy-gateway) applies to this deployment's requests. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GatewaySpec {
    @JsonPropertyDescription("Per-key limits; over them the gateway answers 429 with Retry-After.")
    private RateLimit rateLimit;

    public RateLimit getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(RateLimit rateLimit) {
        this.rateLimit = rateLimit;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof GatewaySpec other && Objects.equals(rateLimit, other.rateLimit);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(rateLimit);
    }
}
