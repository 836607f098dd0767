package io.modeldeploy.gateway.keys;

import io.modeldeploy.gateway.catalog.KeyRef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deployments' keys, as the operator published them: the digest for checking a client, and the value itself,
 * which the gateway sends on to the engine or vendor (they check the same key).
 */
public final class KeyDirectory {
    public static final KeyDirectory EMPTY = new KeyDirectory(Map.of());

    private final Map<KeyRef, String> values;
    private final Map<KeyRef, KeyDigest> digests = new HashMap<>();
    private final Set<KeyDigest> known = new HashSet<>();

    public KeyDirectory(Map<KeyRef, String> values) {
        this.values = Map.copyOf(values);
        values.forEach((ref, value) -> {
            KeyDigest digest = KeyDigest.of(value);
            digests.put(ref, digest);
            known.add(digest);
        });
    }

    /** Whether the presented key is the one {@code ref} holds. */
    public boolean matches(KeyRef ref, KeyDigest presented) {
        KeyDigest expected = digests.get(ref);
        return expected != null && expected.matches(presented);
    }

    /** Whether the presented key is any deployment's key (a stranger learns nothing about model names). */
    public boolean known(KeyDigest presented) {
        return known.contains(presented);
    }

    public Optional<String> value(KeyRef ref) {
        return Optional.ofNullable(values.get(ref));
    }
}
