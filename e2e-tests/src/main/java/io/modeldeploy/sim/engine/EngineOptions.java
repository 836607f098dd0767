package io.modeldeploy.sim.engine;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How the node simulator runs one engine simulator: not part of the container spec.
 *
 * @param bindAddress   the pod IP (a loopback address) the engine listens on
 * @param loadDelay     how long the engine "loads weights" before its port is bound
 * @param engineVersion what {@code /version} (vLLM) or {@code /get_server_info} (SGLang) reports
 */
public record EngineOptions(InetAddress bindAddress, Duration loadDelay, String engineVersion) {

    public EngineOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        loadDelay = loadDelay == null || loadDelay.isNegative() ? Duration.ZERO : loadDelay;
        engineVersion = engineVersion == null || engineVersion.isBlank() ? "0.0.0-sim" : engineVersion;
    }

    /** 127.0.0.1, no load delay, version {@code 0.0.0-sim}. */
    public static EngineOptions defaults() {
        return new EngineOptions(InetAddress.getLoopbackAddress(), Duration.ZERO, null);
    }

    public EngineOptions withBindAddress(InetAddress address) {
        return new EngineOptions(address, loadDelay, engineVersion);
    }

    public EngineOptions withLoadDelay(Duration delay) {
        return new EngineOptions(bindAddress, delay, engineVersion);
    }

    public EngineOptions withEngineVersion(String version) {
        return new EngineOptions(bindAddress, loadDelay, version);
    }
}
