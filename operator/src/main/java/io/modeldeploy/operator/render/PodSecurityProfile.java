package io.modeldeploy.operator.render;

import java.util.Arrays;
import java.util.Locale;

/** The Pod Security Standards level the operator's own pods are rendered for ({@code modeldeploy.pod-security.profile}). */
public enum PodSecurityProfile {
    /** What the public engine images need: they run as root, with the runtime's default seccomp and no added capabilities. */
    BASELINE,
    /** Non-root user, fsGroup, every writable path (HOME, caches, /tmp) on an emptyDir volume. */
    RESTRICTED;

    /** The uid and gid pods run as under {@link #RESTRICTED}: not root, not in the images' system range. */
    public static final long NON_ROOT_ID = 1000L;

    public static PodSecurityProfile parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().toLowerCase(Locale.ROOT).equals(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("modeldeploy.pod-security.profile: '" + value
                        + "' is neither baseline nor restricted"));
    }
}
