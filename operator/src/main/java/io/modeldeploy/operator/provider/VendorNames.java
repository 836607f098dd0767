package io.modeldeploy.operator.provider;


import io.modeldeploy.operator.deployment.DeploymentRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name a ModelDeployment's service has on a vendor: deterministic (the same resource always looks
 * up the same name, so a retried create finds the first one), unique per resource (its uid), and
 * short and plain enough for every vendor (the strictest allows 20 characters; another only lower case,
 * digits and '-').
 */
public final class VendorNames {
    private static final int MAX = 20;
    private static final int DIGEST = 8;

    private VendorNames() {
    }

    public static String of(DeploymentRef ref) {
        String base = ref.name().toLowerCase().replaceAll("[^a-z0-9-]", "-");
        int room = MAX - DIGEST - 1;
        String head = base.length() > room ? base.substring(0, room) : base;
        head = head.replaceAll("-+$", "");
        if (head.isEmpty() || !Character.isLetter(head.charAt(0))) {
            head = "md" + (head.isEmpty() ? "" : "-" + head);
            head = head.length() > room ? head.substring(0, room).replaceAll("-+$", "") : head;
        }
        return head + "-" + digest(ref.uid());
    }

    private static String digest(String uid) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
