package io.modeldeploy.operator.provider.zstack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Client-chosen ZStack ids (32 hex digits, a UUID without '-'), derived so that the same request always carries
 * the same id: the group's {@code resourceUuid} (create is idempotent: a second deploy cannot make a second group),
 * the {@code resourceUuid} of a template the operator registers, and the {@code X-Job-UUID} of an async call (ZStack
 * does not run a job uuid twice).
 */
public final class ZStackIds {
    private ZStackIds() {
    }

    /** The instance group's uuid for a ModelDeployment, from its uid. */
    public static String groupUuid(String modelDeploymentUid) {
        return hex32("modeldeploy/zstack/group\n" + modelDeploymentUid);
    }

    /**
     * The job uuid of one logical call: the same parts give the same id, so a retry (a lost 202, a timeout) is
     * answered with the first call's job instead of running again.
     *
     * @param parts what identifies the call, e.g. operation, group uuid and the login session it runs under (a
     *              call that failed because its session expired is a different call once the session is new)
     */
    public static String jobUuid(String... parts) {
        return hex32("modeldeploy/zstack/job\n" + String.join("\n", parts));
    }

    /**
     * The uuid of the model-service template the operator registers for a ModelDeployment: derived from its uid and
     * from the AddModelService parameters, so the same spec finds its template again and a changed one gets a new
     * template instead of deploying a stale one.
     */
    public static String templateUuid(String modelDeploymentUid, String parameters) {
        return hex32("modeldeploy/zstack/template\n" + modelDeploymentUid + "\n" + parameters);
    }

    /** 32 hex digits that stand for {@code text} (a request body in a job uuid). */
    static String digest(String text) {
        return hex32(text);
    }

    private static String hex32(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
