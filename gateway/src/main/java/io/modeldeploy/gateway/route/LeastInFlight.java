package io.modeldeploy.gateway.route;

import io.modeldeploy.gateway.catalog.Instance;

import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import java.util.function.ToIntFunction;

/** The instance with the fewest requests in flight; ties broken at random, so idle instances share new load. */
public final class LeastInFlight implements InstancePicker {
    private final IntUnaryOperator random;

    /** @param random a uniform draw in {@code [0, n)} for a bound {@code n} */
    public LeastInFlight(IntUnaryOperator random) {
        this.random = random;
    }

    @Override
    public Optional<Instance> pick(List<Instance> candidates, String prefix, ToIntFunction<Instance> load) {
        Instance best = null;
        int bestLoad = Integer.MAX_VALUE;
        int ties = 0;
        for (Instance candidate : candidates) {
            int n = load.applyAsInt(candidate);
            if (n < bestLoad) {
                best = candidate;
                bestLoad = n;
                ties = 1;
            } else if (n == bestLoad && random.applyAsInt(++ties) == 0) {
                // Reservoir sampling: each of the tied instances ends up chosen with probability 1/ties.
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }
}
