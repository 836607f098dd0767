package io.modeldeploy.e2e.managed;

import io.modeldeploy.e2e.support.ModelDeploymentView;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a deployment's service is called on a vendor, derived here from the rule the README documents ("Idempotent
 * create") and the ModelDeployment's uid, without the operator's code: a test that found the service by what status
 * says, or by what the operator sent, would confirm whatever the operator did.
 */
public final class ExpectedVendorNames {
    /** The cut the README documents: the name part keeps 11 characters, so that with the digest the whole fits 20. */
    private static final int NAME_PART = 11;

    private ExpectedVendorNames() {
    }

    /**
     * {@code <name>-<digest>}: the name lower-cased, cut to 11 characters (a trailing '-' dropped), and the first 8 hex
     * digits of the SHA-256 of the uid. Tests name their deployments plainly, starting with a letter; the rule's steps
     * for other names are not written out here, so such a name is refused rather than guessed.
     */
    public static String serviceName(ModelDeploymentView md) {
        String name = md.resource().getMetadata().getName();
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException(name + ": only plain lower-case names are derived here");
        }
        String head = name.length() > NAME_PART ? name.substring(0, NAME_PART) : name;
        while (head.endsWith("-")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "-" + sha256Hex(uid(md)).substring(0, 8);
    }

    /** ZStack's instance group uuid: the first 32 hex digits of the SHA-256 of {@code modeldeploy/zstack/group\n<uid>}. */
    static String zstackGroupUuid(ModelDeploymentView md) {
        return sha256Hex("modeldeploy/zstack/group\n" + uid(md)).substring(0, 32);
    }

    private static String uid(ModelDeploymentView md) {
        String uid = md.resource().getMetadata().getUid();
        if (uid == null || uid.isBlank()) {
            throw new IllegalStateException(md.resource().getMetadata().getName() + " has no uid yet");
        }
        return uid;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
