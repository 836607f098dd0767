package io.modeldeploy.sim.platform.alayanew;

/**
 * Where a simulated Alaya service is. Finer than the vendor's {@code status}: {@link #LOADING} is reported as
 * {@code running} while some instance's {@code baseModelReady} is still false, as vendors.md §5 describes.
 */
enum AlayaPhase {
    STARTING("starting", "staring"),
    LOADING("running", "running"),
    RUNNING("running", "running"),
    STOPPING("stopping", "stoping"),
    STOPPED("stopped", "stoped"),
    FAILED("failed", "failed");

    private final String status;
    private final String legacyStatus;

    AlayaPhase(String status, String legacyStatus) {
        this.status = status;
        this.legacyStatus = legacyStatus;
    }

    /** The vendor's {@code status} value, in the current or the older page's spelling. */
    String status(boolean legacySpelling) {
        return legacySpelling ? legacyStatus : status;
    }

    /** Whether instances exist (ready or not) in this phase. */
    boolean hasInstances() {
        return this == STARTING || this == LOADING || this == RUNNING || this == STOPPING;
    }
}
