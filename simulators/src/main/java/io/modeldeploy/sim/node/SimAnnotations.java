package io.modeldeploy.sim.node;

/** Pod annotations the SIMULATED kubelet reads; they also work on a Deployment's pod template. */
public final class SimAnnotations {
    /** Names a {@link Fault} this pod plays: CrashLoop, ImagePullFailure, NeverReady or HealthHangs. */
    public static final String FAULT = "sim.modeldeploy.io/fault";
    /** Every new value restarts the pod's engines (a new process: in-memory state such as adapters is lost). */
    public static final String RESTART_ENGINE = "sim.modeldeploy.io/restart-engine";
    /** This pod's engines take this many milliseconds to load the model before their port answers. */
    public static final String ENGINE_LOAD_DELAY_MS = "sim.modeldeploy.io/engine-load-delay-ms";

    private SimAnnotations() {
    }
}
