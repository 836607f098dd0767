package io.modeldeploy.gateway.catalog;

import java.util.OptionalInt;

/** {@code spec.gateway.rateLimit}: per minute, across all gateway replicas; empty means no limit. */
public record Limits(OptionalInt requestsPerMinute, OptionalInt tokensPerMinute) {
    public static final Limits NONE = new Limits(OptionalInt.empty(), OptionalInt.empty());

    public boolean any() {
        return requestsPerMinute.isPresent() || tokensPerMinute.isPresent();
    }
}
