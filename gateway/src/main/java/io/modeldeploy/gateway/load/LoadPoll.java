package io.modeldeploy.gateway.load;

import java.util.OptionalLong;

/**
 * The query of one load poll (pure).
 *
 * @param after  the generation the caller has seen; empty: it has seen none
 * @param waitMs how long to wait for a newer generation, within the maximum
 */
public record LoadPoll(OptionalLong after, long waitMs) {

    /** @throws IllegalArgumentException for a parameter that is not a non-negative integer */
    public static LoadPoll of(String after, String waitMs, long defaultWaitMs, long maxWaitMs) {
        OptionalLong seen = after == null || after.isEmpty() ? OptionalLong.empty() : OptionalLong.of(parse("after", after));
        long wait = waitMs == null || waitMs.isEmpty() ? defaultWaitMs : Math.min(maxWaitMs, parse("waitMs", waitMs));
        return new LoadPoll(seen, wait);
    }

    private static long parse(String name, String value) {
        try {
            long n = Long.parseLong(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw new IllegalArgumentException(name + " must be a non-negative integer, not '" + value + "'");
    }
}
