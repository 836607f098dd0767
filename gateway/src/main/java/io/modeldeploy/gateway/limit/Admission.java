package io.modeldeploy.gateway.limit;

/** Whether a request may go on now, and if not, when to try again. */
public sealed interface Admission {
    record Admitted() implements Admission {
    }

    /** @param retryAfterSeconds at least 1 (the {@code Retry-After} header's value) */
    record Refused(long retryAfterSeconds, String reason) implements Admission {
    }
}
