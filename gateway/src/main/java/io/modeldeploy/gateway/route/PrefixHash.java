package io.modeldeploy.gateway.route;

import io.modeldeploy.gateway.catalog.Instance;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Consistent hashing with bounded load (Mirrokni, Thorup, Zadimoghaddam 2018): a prompt prefix goes to the first
 * instance clockwise from its hash on a ring of virtual nodes, unless that instance already carries more than
 * {@code loadFactor} times the average load, in which case the walk goes on. The same prefix thus lands on the same
 * instance (its KV cache) while one hot prefix cannot overload it; an instance joining or leaving moves only the
 * prefixes next to it.
 */
public final class PrefixHash implements InstancePicker {
    static final int VIRTUAL_NODES = 100;

    private final double loadFactor;
    private final InstancePicker fallback;

    public PrefixHash(double loadFactor, InstancePicker fallback) {
        if (loadFactor < 1.0) {
            throw new IllegalArgumentException("load factor must be at least 1: " + loadFactor);
        }
        this.loadFactor = loadFactor;
        this.fallback = fallback;
    }

    @Override
    public Optional<Instance> pick(List<Instance> candidates, String prefix, ToIntFunction<Instance> load) {
        if (prefix == null || prefix.isEmpty() || candidates.size() < 2) {
            return fallback.pick(candidates, prefix, load);
        }
        long[] points = new long[candidates.size() * VIRTUAL_NODES];
        int[] owners = new int[points.length];
        ring(candidates, points, owners);
        int total = 0;
        for (Instance candidate : candidates) {
            total += load.applyAsInt(candidate);
        }
        // The request being placed counts too, so an idle ring accepts it anywhere.
        int capacity = (int) Math.ceil(loadFactor * (total + 1) / candidates.size());
        int start = Arrays.binarySearch(points, hash(prefix));
        start = start >= 0 ? start : -start - 1;
        for (int step = 0; step < points.length; step++) {
            Instance candidate = candidates.get(owners[(start + step) % points.length]);
            if (load.applyAsInt(candidate) + 1 <= capacity) {
                return Optional.of(candidate);
            }
        }
        return fallback.pick(candidates, prefix, load);
    }

    private static void ring(List<Instance> candidates, long[] points, int[] owners) {
        long[][] entries = new long[points.length][];
        int e = 0;
        for (int i = 0; i < candidates.size(); i++) {
            for (int v = 0; v < VIRTUAL_NODES; v++) {
                entries[e++] = new long[]{hash(candidates.get(i).key() + "#" + v), i};
            }
        }
        Arrays.sort(entries, (a, b) -> Long.compare(a[0], b[0]));
        for (int k = 0; k < entries.length; k++) {
            points[k] = entries[k][0];
            owners[k] = (int) entries[k][1];
        }
    }

    /** 64-bit FNV-1a with MurmurHash3's finaliser, so similar strings land far apart on the ring. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
