package io.modeldeploy.operator.reconcile;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The timers of the operator's own event sources: one named daemon thread, which never holds the JVM up at exit. */
final class DaemonTimer {
    private DaemonTimer() {
    }

    static ScheduledExecutorService named(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
