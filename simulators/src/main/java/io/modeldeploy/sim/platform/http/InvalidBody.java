package io.modeldeploy.sim.platform.http;

/**
 * A request body the simulator cannot accept: not JSON at all ({@link #malformed()}), or JSON missing a required
 * field or holding a wrong value. The router turns it into the vendor's own error through
 * {@link ErrorShape#invalidBody}; handlers of vendors that report such errors differently catch it themselves.
 */
public final class InvalidBody extends RuntimeException {
    private final boolean malformed;

    private InvalidBody(String message, boolean malformed) {
        super(message, null, false, false);
        this.malformed = malformed;
    }

    /** The body is not parseable JSON (or not the JSON type the API takes). */
    public static InvalidBody malformed(String message) {
        return new InvalidBody(message, true);
    }

    /** The body is JSON, but a field is missing or wrong. */
    public static InvalidBody invalid(String message) {
        return new InvalidBody(message, false);
    }

    public static InvalidBody missing(String field) {
        return invalid(field + " is required");
    }

    public boolean malformed() {
        return malformed;
    }
}
