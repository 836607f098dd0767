package io.modeldeploy.gateway.hold;

import java.util.ArrayList;
import java.util.List;

/**
 * A counter bumped whenever a deployment's hold queue goes from empty to non-empty (a new demand at zero), which
 * the operator's long poll waits on (thread-safe).
 */
public final class DemandGeneration {
    private long value;
    private final List<Runnable> waiters = new ArrayList<>();

    public synchronized long value() {
        return value;
    }

    /** How many polls wait for the next bump now. */
    public synchronized int waiting() {
        return waiters.size();
    }

    public void bump() {
        List<Runnable> woken;
        synchronized (this) {
            value++;
            woken = List.copyOf(waiters);
            waiters.clear();
        }
        woken.forEach(Runnable::run);
    }

    /**
     * Runs {@code onChange} once the value differs from {@code seen}: at once if it does already.
     *
     * @return cancels the wait (the poller stopped waiting); harmless after it ran
     */
    public Runnable onChange(long seen, Runnable onChange) {
        synchronized (this) {
            if (value == seen) {
                waiters.add(onChange);
                return () -> {
                    synchronized (this) {
                        waiters.remove(onChange);
                    }
                };
            }
        }
        onChange.run();
        return () -> {
        };
    }
}
