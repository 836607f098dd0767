package io.modeldeploy.e2e.chaos;

import io.modeldeploy.sim.testing.Await;

import java.time.Duration;

/** Waits until the audit finds the fleet as wanted, and says how long that took or what was left at the bound. */
final class Convergence {
    /** @param elapsed from the start of the wait to the first converged look (or to the bound) */
    record Outcome(boolean converged, Duration elapsed, Audit last) {
    }

    /** A slow convergence says what it still waits for, for whoever watches the run. */
    private static final Duration REPORT_EVERY = Duration.ofSeconds(20);

    private Convergence() {
    }

    static Outcome await(FleetAudit audit, Fleet fleet, Duration timeout) {
        long start = System.nanoTime();
        try {
            long[] lastReport = {start};
            Audit converged = Await.until("the fleet converged", timeout, () -> {
                Audit look = audit.look(fleet);
                if (!look.converged()) {
                    if (System.nanoTime() - lastReport[0] > REPORT_EVERY.toNanos()) {
                        lastReport[0] = System.nanoTime();
                        ChaosLog.log("not converged yet: " + look);
                    }
                    throw new AssertionError(look.toString());
                }
                return look;
            });
            return new Outcome(true, Duration.ofNanos(System.nanoTime() - start), converged);
        } catch (AssertionError timedOut) {
            return new Outcome(false, Duration.ofNanos(System.nanoTime() - start), audit.look(fleet));
        }
    }
}
