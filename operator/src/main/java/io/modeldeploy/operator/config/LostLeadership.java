package io.modeldeploy.operator.config;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import org.jboss.logging.Logger;

import java.util.function.BooleanSupplier;

/**
 * What a replica does when it stops leading. Lost leadership (the lease taken by another replica, renewals failing)
 * ends the process, so that Kubernetes restarts it as a fresh follower: a replica that stopped leading does nothing
 * any more. Stopping to lead because the process is shutting down (SIGTERM in a rolling upgrade) ends nothing: the
 * SDK's own exit on stop-leading calls {@code System.exit} from inside the shutdown, which blocks for ever on the
 * shutdown already running, so the pod hung until its grace period ran out and SIGKILL came, and the next leader
 * waited out the lease.
 */
final class LostLeadership {
    private static final Logger LOG = Logger.getLogger(LostLeadership.class);

    private final BooleanSupplier shuttingDown;
    private final Runnable exit;

    /**
     * @param shuttingDown whether the process is shutting down already
     * @param exit         ends the process; run on a thread of its own, so that the elector's thread, which holds the
     *                     elector's lock while it calls back, is free when the shutdown stops the elector
     */
    LostLeadership(BooleanSupplier shuttingDown, Runnable exit) {
        this.shuttingDown = shuttingDown;
        this.exit = exit;
    }

    /** The callbacks for the SDK, whose own exit on stop-leading is to be off. */
    LeaderCallbacks callbacks(String identity) {
        return new LeaderCallbacks(() -> LOG.infof("%s leads", identity), () -> stoppedLeading(identity),
                leader -> { });
    }

    void stoppedLeading(String identity) {
        if (shuttingDown.getAsBoolean()) {
            LOG.infof("%s stopped leading: shutting down", identity);
            return;
        }
        LOG.warnf("%s lost leadership: exiting, to start again as a follower", identity);
        Thread exiting = new Thread(exit, "lost-leadership-exit");
        exiting.setDaemon(false);
        exiting.start();
    }
}
