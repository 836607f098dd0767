package io.modeldeploy.operator.provider.zstack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** ZStack's login takes the lower-case hex SHA-512 of the password, never the password itself (vendors.md §2). */
public final class ZStackPasswords {
    private ZStackPasswords() {
    }

    public static String sha512Hex(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-512", e);
        }
    }
}
