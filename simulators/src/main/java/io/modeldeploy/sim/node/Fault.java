package io.modeldeploy.sim.node;

import java.util.Locale;
import java.util.Optional;

/** Failures the simulated kubelet can play for a pod, on request from tests or a user. */
public enum Fault {
    /** The container exits at once, again and again: waiting CrashLoopBackOff, restartCount rising. */
    CRASH_LOOP("CrashLoop"),
    /** The image cannot be pulled: the pod stays Pending with ErrImagePull / ImagePullBackOff. */
    IMAGE_PULL_FAILURE("ImagePullFailure"),
    /** The engine runs but its health endpoints answer 503, so readiness never passes. */
    NEVER_READY("NeverReady"),
    /** The engine runs but its health endpoint never answers (a hung engine): the kubelet's probe times out. */
    HEALTH_HANGS("HealthHangs");

    private final String wireName;

    Fault(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Fault> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String wanted = text.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (Fault f : values()) {
            if (f.wireName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(f);
            }
        }
        throw new IllegalArgumentException("unknown fault '" + text + "'; known: CrashLoop, ImagePullFailure, NeverReady, HealthHangs");
    }
}
