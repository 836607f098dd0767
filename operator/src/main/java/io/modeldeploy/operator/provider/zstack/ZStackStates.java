package io.modeldeploy.operator.provider.zstack;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorState;

import java.util.Locale;

/**
 * An instance group's {@code status} onto the common phases (vendors.md §5), case-insensitive. Only
 * {@code Deploying} and {@code Running} are documented; {@code Failed} and {@code Error} are the table's guesses for
 * a deployment that did not come up. Anything else is unknown: the phase stays, never Failed.
 */
public final class ZStackStates {
    private ZStackStates() {
    }

    public static VendorState of(String status) {
        String value = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "deploying" -> VendorState.of(Phase.Starting);
            case "running" -> VendorState.of(Phase.Running);
            case "failed", "error" -> VendorState.of(Phase.Failed);
            default -> VendorState.unknown();
        };
    }
}
