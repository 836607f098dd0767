package io.modeldeploy.operator.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A vendor call that did not succeed, classified by what the reconciler should do about it. Messages
 * carry the vendor's own words but never a credential.
 */
public final class VendorException extends Exception {

    public enum Kind {
        /** Missing, refused or expired credentials (401/403): the user must fix the Secret; retry slowly. */
        CREDENTIALS,
        /**
         * A credentials Secret the operator may not read (not labelled for it, or a ServiceAccount token): nothing
         * was read from it and no vendor was called; the user must fix it, retry slowly.
         */
        CREDENTIALS_NOT_ALLOWED,
        /** 429: wait as long as the vendor asks. */
        RATE_LIMITED,
        /** 5xx, timeouts, connection errors: retry with backoff. */
        TRANSIENT,
        /** The vendor refused the request itself (4xx): the spec or options need a change. */
        REFUSED,
        /** The vendor publishes no such operation. */
        UNSUPPORTED,
        /**
         * The endpoint does not serve the vendor's API (a 404 for its own list call, a redirect): a configuration
         * error the user must fix, not an outage; looked at again slowly.
         */
        ENDPOINT_INVALID
    }

    private final Kind kind;
    private final Duration retryAfter;

    public VendorException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public static VendorException credentials(String message) {
        return new VendorException(Kind.CREDENTIALS, message, null, null);
    }

    public static VendorException credentialsNotAllowed(String message) {
        return new VendorException(Kind.CREDENTIALS_NOT_ALLOWED, message, null, null);
    }

    public static VendorException rateLimited(String message, Duration retryAfter) {
        return new VendorException(Kind.RATE_LIMITED, message, retryAfter, null);
    }

    public static VendorException transientFailure(String message, Throwable cause) {
        return new VendorException(Kind.TRANSIENT, message, null, cause);
    }

    public static VendorException refused(String message) {
        return new VendorException(Kind.REFUSED, message, null, null);
    }

    public static VendorException endpointInvalid(String message) {
        return new VendorException(Kind.ENDPOINT_INVALID, message, null, null);
    }

    public static VendorException unsupported(String operation) {
        return new VendorException(Kind.UNSUPPORTED, operation + " is not published by this vendor", null, null);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
