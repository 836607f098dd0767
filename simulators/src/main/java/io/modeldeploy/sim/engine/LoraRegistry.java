package io.modeldeploy.sim.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The adapters one engine process holds, in memory only (a new process starts empty), plus the faults a
 * test injected. Engine-specific checks (is LoRA enabled, request fields) and wording stay with the dialects.
 */
final class LoraRegistry {

    enum Reason { ALREADY_LOADED, LIMIT_REACHED, INJECTED_FAILURE, NO_SUCH_PATH }

    /** Why a load was refused; {@code injectedMessage} is set for {@link Reason#INJECTED_FAILURE}. */
    record Refusal(Reason reason, String injectedMessage) {
    }

    private final int maxLoaded;
    private final Predicate<String> files;
    private final Map<String, String> loaded = new LinkedHashMap<>();
    private final Map<String, String> injectedFailures = new ConcurrentHashMap<>();

    LoraRegistry(int maxLoaded) {
        this(maxLoaded, path -> true);
    }

    LoraRegistry(int maxLoaded, Predicate<String> files) {
        this.maxLoaded = maxLoaded;
        this.files = files;
    }

    synchronized Optional<Refusal> load(String name, String path) {
        if (loaded.containsKey(name)) {
            return Optional.of(new Refusal(Reason.ALREADY_LOADED, null));
        }
        if (loaded.size() >= maxLoaded) {
            return Optional.of(new Refusal(Reason.LIMIT_REACHED, null));
        }
        String injected = injectedFailures.get(name);
        if (injected != null) {
            return Optional.of(new Refusal(Reason.INJECTED_FAILURE, injected));
        }
        if (!files.test(path)) {
            return Optional.of(new Refusal(Reason.NO_SUCH_PATH, null));
        }
        loaded.put(name, path);
        return Optional.empty();
    }

    /** @return false when no adapter has that name */
    synchronized boolean unload(String name) {
        return loaded.remove(name) != null;
    }

    synchronized boolean isLoaded(String name) {
        return loaded.containsKey(name);
    }

    /** Name to path, in load order. */
    synchronized Map<String, String> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(loaded));
    }

    int maxLoaded() {
        return maxLoaded;
    }

    /** Loading {@code name} fails with {@code message} from now on; a null message clears the fault. */
    void failLoads(String name, String message) {
        if (message == null) {
            injectedFailures.remove(name);
        } else {
            injectedFailures.put(name, message);
        }
    }
}
