package io.modeldeploy.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A key is kept and compared only as its SHA-256 digest: equal-length digests compared in constant time
 * ({@link MessageDigest#isEqual}) reveal neither the key's length nor how much of a guess was right.
 */
public final class KeyDigest {
    private final byte[] digest;

    private KeyDigest(byte[] digest) {
        this.digest = digest;
    }

    public static KeyDigest of(String key) {
        try {
            return new KeyDigest(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean matches(KeyDigest other) {
        return MessageDigest.isEqual(digest, other.digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyDigest other && matches(other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    /** Never the key, nor its digest: this object may end up in a log line by mistake. */
    @Override
    public String toString() {
        return "KeyDigest[***]";
    }
}
