package io.modeldeploy.operator.provider.alayanew;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorState;

import java.util.List;
import java.util.Locale;

/**
 * Alaya NeW's {@code status} onto the common phases (vendors.md section 5). Case does not matter, and the
 * misspellings an older page uses ({@code staring}, {@code stoping}, {@code stoped}) mean what they were
 * meant to. A base service counts as running only once every instance has its base model loaded.
 */
public final class AlayaNewStates {
    private AlayaNewStates() {
    }

    /**
     * @param baseModelReady one entry per reported instance; empty when the vendor reports none (a LoRA service)
     */
    public static VendorState map(String status, List<Boolean> baseModelReady) {
        String value = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "starting", "staring" -> VendorState.of(Phase.Starting);
            case "running" -> baseModelReady.stream().allMatch(Boolean.TRUE::equals)
                    ? VendorState.of(Phase.Running) : VendorState.of(Phase.Starting);
            case "stopping", "stoping" -> VendorState.of(Phase.Stopping);
            case "stopped", "stoped" -> VendorState.of(Phase.Stopped);
            case "failed" -> VendorState.of(Phase.Failed);
            default -> VendorState.unknown();
        };
    }
}
