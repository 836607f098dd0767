package io.modeldeploy.operator.validate;

/** One thing wrong with a spec: the field (as a path a user can find) and why. */
public record SpecError(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
