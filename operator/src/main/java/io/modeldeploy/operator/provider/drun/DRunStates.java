package io.modeldeploy.operator.provider.drun;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorState;

import java.util.Locale;

/**
 * d.run's ModelServing {@code status} onto the common phases (vendors.md section 5), ignoring case.
 * {@code SCALING} says nothing about serving, so it keeps a serving deployment Running (with a detail for
 * the Progressing condition) and counts as Starting for one that was not serving yet.
 */
public final class DRunStates {
    private DRunStates() {
    }

    /** @param wasServing the deployment's phase before this read was Running */
    public static VendorState map(String status, boolean wasServing) {
        String value = status == null ? "" : status.trim().toUpperCase(Locale.ROOT);
        return switch (value) {
            case "STATUS_UNSPECIFIED" -> VendorState.of(Phase.Pending);
            case "DEPLOYING" -> VendorState.of(Phase.Starting);
            case "RUNNING" -> VendorState.of(Phase.Running);
            case "SCALING" -> wasServing ? VendorState.busy(Phase.Running, "d.run is scaling the service")
                    : VendorState.of(Phase.Starting);
            case "DELETING" -> VendorState.of(Phase.Stopping);
            case "STOPPED" -> VendorState.of(Phase.Stopped);
            case "FAILED" -> VendorState.of(Phase.Failed);
            default -> VendorState.unknown();
        };
    }
}
