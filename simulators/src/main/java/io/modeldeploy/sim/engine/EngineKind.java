package io.modeldeploy.sim.engine;

/** The inference engines the simulator can play. */
public enum EngineKind {
    VLLM,
    SGLANG
}
