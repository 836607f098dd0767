package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.EventProcessor;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A sweep of Secrets nobody needs any more, run on a timer and, when asked, soon. An event source, so that it runs
 * while the controller does; the framework starts event sources on every replica but processes events only on the
 * leader, so a round on a replica that does not lead is skipped: only the leader deletes. Rounds run one at a time on
 * one thread, so a burst of requests for a round soon costs one round.
 */
abstract class LeaderOnlySweep extends AbstractEventSource<Secret, ModelDeployment> {
    private static final Logger LOG = Logger.getLogger(LeaderOnlySweep.class);

    private final Duration first;
    private final Duration period;
    private final BooleanSupplier leading;
    private final AtomicBoolean soonPending = new AtomicBoolean();
    private volatile ScheduledExecutorService timer;

    LeaderOnlySweep(String name, Duration first, Duration period) {
        this(name, first, period, null);
    }

    /** @param leading whether this replica leads; null: whether the controller processes events */
    LeaderOnlySweep(String name, Duration first, Duration period, BooleanSupplier leading) {
        super(Secret.class, name);
        this.first = first;
        this.period = period;
        this.leading = leading != null ? leading
                : () -> !(getEventHandler() instanceof EventProcessor<?> processor) || processor.isRunning();
    }

    /** One round; reads caches, writes only what it removes. */
    abstract void sweep();

    @Override
    public synchronized void start() throws OperatorException {
        super.start();
        ScheduledExecutorService started = newTimer();
        started.scheduleWithFixedDelay(this::sweepIfLeading, first.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
        timer = started;
    }

    /** One thread: rounds never overlap, and run in the order asked for. */
    ScheduledExecutorService newTimer() {
        return DaemonTimer.named(name());
    }

    @Override
    public synchronized void stop() throws OperatorException {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        super.stop();
    }

    /** Asks for a round now, off the caller's thread; a request while one is pending joins it. */
    void sweepSoon() {
        ScheduledExecutorService running = timer;
        if (running != null && soonPending.compareAndSet(false, true)) {
            running.execute(() -> {
                soonPending.set(false);
                sweepIfLeading();
            });
        }
    }

    void sweepIfLeading() {
        if (!leading.getAsBoolean()) {
            return;
        }
        try {
            sweep();
        } catch (RuntimeException e) {
            // The next round tries again; a sweep is never urgent enough to stop the timer.
            LOG.warnf("%s failed (next round in %s): %s", name(), period, e.getMessage());
        }
    }

    @Override
    public Set<Secret> getSecondaryResources(ModelDeployment primary) {
        return Set.of();
    }
}
