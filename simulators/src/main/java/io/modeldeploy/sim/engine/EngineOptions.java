package io.modeldeploy.sim.engine;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How the node simulator runs one engine simulator: not part of the container spec.
 *
 * @param bindAddress   the pod IP (a loopback address) the engine listens on
 * @param loadDelay     how long the engine "loads weights" before its port is bound
 * @param engineVersion what {@code /version} (vLLM) or {@code /get_server_info} (SGLang) reports
 * @param files         which paths exist on the pod's filesystem as the engine sees it (adapter loads
 *                      of a missing path fail as they do on a real engine); everything, by default
 */
public record EngineOptions(InetAddress bindAddress, Duration loadDelay, String engineVersion, Predicate<String> files) {

    public EngineOptions(InetAddress bindAddress, Duration loadDelay, String engineVersion) {
        this(bindAddress, loadDelay, engineVersion, path -> true);
    }

    public EngineOptions {
        files = files == null ? path -> true : files;
        Objects.requireNonNull(bindAddress, "bindAddress");
        loadDelay = loadDelay == null || loadDelay.isNegative() ? Duration.ZERO : loadDelay;
        engineVersion = engineVersion == null || engineVersion.isBlank() ? "0.0.0-sim" : engineVersion;
    }

    /** 127.0.0.1, no load delay, version {@code 0.0.0-sim}. */
    public static EngineOptions defaults() {
        return new EngineOptions(InetAddress.getLoopbackAddress(), Duration.ZERO, null);
    }

    public EngineOptions withBindAddress(InetAddress address) {
        return new EngineOptions(address, loadDelay, engineVersion, files);
    }

    public EngineOptions withLoadDelay(Duration delay) {
        return new EngineOptions(bindAddress, delay, engineVersion, files);
    }

    public EngineOptions withEngineVersion(String version) {
        return new EngineOptions(bindAddress, loadDelay, version, files);
    }

    public EngineOptions withFiles(Predicate<String> existing) {
        return new EngineOptions(bindAddress, loadDelay, engineVersion, existing);
    }
}
