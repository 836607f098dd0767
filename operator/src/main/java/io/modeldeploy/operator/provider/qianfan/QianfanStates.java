package io.modeldeploy.operator.provider.qianfan;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorState;

import java.util.Locale;

/** Qianfan's {@code runStatus} onto the common phases (vendors.md §5), case-insensitive. */
public final class QianfanStates {
    private static final String NONE = "none";

    private QianfanStates() {
    }

    /**
     * @param updateStatus    DescribeService's {@code updateStatus} (null when absent)
     * @param scaleStatus     DescribeService's {@code scaleStatus} (null when absent)
     * @param isModelUpdating DescribeService's {@code isModelUpdating}
     */
    public static VendorState of(String runStatus, String updateStatus, String scaleStatus, boolean isModelUpdating) {
        String value = runStatus == null ? "" : runStatus.trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "new" -> VendorState.of(Phase.Pending);
            case "deploying" -> VendorState.of(Phase.Starting);
            case "serving" -> serving(updateStatus, scaleStatus, isModelUpdating);
            case "failed" -> VendorState.of(Phase.Failed);
            case "stopped" -> VendorState.of(Phase.Stopped);
            default -> VendorState.unknown();
        };
    }

    /** Serving, but busy while an update or a scale is under way: Running with a Progressing detail. */
    private static VendorState serving(String updateStatus, String scaleStatus, boolean isModelUpdating) {
        if (busy(scaleStatus)) {
            return VendorState.busy(Phase.Running, "Qianfan is scaling the service (scaleStatus " + scaleStatus + ")");
        }
        if (busy(updateStatus) || isModelUpdating) {
            return VendorState.busy(Phase.Running, "Qianfan is updating the service (updateStatus "
                    + updateStatus + (isModelUpdating ? ", model updating" : "") + ")");
        }
        return VendorState.of(Phase.Running);
    }

    private static boolean busy(String status) {
        return status != null && !status.isBlank() && !NONE.equalsIgnoreCase(status.trim());
    }
}
