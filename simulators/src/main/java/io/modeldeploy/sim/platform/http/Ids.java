package io.modeldeploy.sim.platform.http;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Random identifiers in the shapes vendors use. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code length} lowercase hex digits. */
    public static String hex(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }

    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** A UUID without dashes, as ZStack writes them. */
    public static String compactUuid() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
