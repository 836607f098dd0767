package io.modeldeploy.sim.platform.zstack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * API errors a test plans for the next calls of an operation ({@link ZStackSimulator#refuseNext}), and how API
 * errors are answered. Thread-safe.
 *
 * <p>The published AddModelService page documents its reply as a 200 carrying {@code success} and {@code error}; so
 * AddModelService always answers its errors that way. Every other API answers ZStack's RestServer way (503
 * {@code {"error":…}}, for a sync call or a job's poll) unless a test asks for the documented shape everywhere
 * ({@link ZStackSimulator#answerErrorsIn200}).
 */
final class ZStackRefusals {
    private final Map<String, Deque<ZStackErrors.ApiFailure>> planned = new HashMap<>();
    private boolean errorsIn200;

    synchronized void plan(String operation, ZStackErrors.ApiFailure failure) {
        planned.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(failure);
    }

    /** The error planned for this call of {@code operation}, consumed. */
    synchronized Optional<ZStackErrors.ApiFailure> take(String operation) {
        Deque<ZStackErrors.ApiFailure> failures = planned.get(operation);
        return failures == null ? Optional.empty() : Optional.ofNullable(failures.poll());
    }

    synchronized void errorsIn200(boolean documented) {
        errorsIn200 = documented;
    }

    synchronized boolean errorsIn200() {
        return errorsIn200;
    }

    synchronized void clear() {
        planned.clear();
        errorsIn200 = false;
    }
}
