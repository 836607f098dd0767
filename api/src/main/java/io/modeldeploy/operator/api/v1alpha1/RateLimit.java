package io.modeldeploy.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** Per-key limits the gateway enforces; absent fields mean no limit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RateLimit {
    @JsonPropertyDescription("Requests per minute with this deployment's key, across all gateway replicas.")
    @Min(1)
    @Max(100_000_000)
    private Integer requestsPerMinute;

    @JsonPropertyDescription("Prompt plus completion tokens per minute with this deployment's key (from the engine's usage), across all gateway replicas.")
    @Min(1)
    @Max(1_000_000_000)
    private Integer tokensPerMinute;

    public Integer getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(Integer requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public Integer getTokensPerMinute() {
        return tokensPerMinute;
    }

    public void setTokensPerMinute(Integer tokensPerMinute) {
        this.tokensPerMinute = tokensPerMinute;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof RateLimit other && Objects.equals(requestsPerMinute, other.requestsPerMinute)
                && Objects.equals(tokensPerMinute, other.tokensPerMinute);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestsPerMinute, tokensPerMinute);
    }
}
