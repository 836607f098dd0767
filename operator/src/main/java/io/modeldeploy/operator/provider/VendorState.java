package io.modeldeploy.operator.provider;

import io.modeldeploy.operator.api.v1alpha1.Phase;

import java.util.Optional;

/**
 * A vendor status mapped onto the common phases.
 *
 * @param phase     empty for a value the table does not know: the reconciler keeps the current phase
 *                  (an unknown value never becomes Failed by itself) and says so in a condition
 * @param detail    why the vendor is still busy although serving (scaling, updating), for a Progressing condition
 */
public record VendorState(Optional<Phase> phase, Optional<String> detail) {

    public static VendorState of(Phase phase) {
        return new VendorState(Optional.of(phase), Optional.empty());
    }

    public static VendorState busy(Phase phase, String detail) {
        return new VendorState(Optional.of(phase), Optional.of(detail));
    }

    public static VendorState unknown() {
        return new VendorState(Optional.empty(), Optional.empty());
    }
}
