package io.modeldeploy.operator.reconcile;

import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Wakes a deployment for the changes of its pods and of its Deployment once per batch period, as the Job controller
 * batches its pods' events: a new pod, the scheduler's verdict on it a moment later and the Deployment's status
 * updates around them then cost one reconcile and at most one status write, where each used to cost its own. The
 * informers keep their caches as before; their filters hand each change here instead of waking the deployment.
 */
final class BatchedWakeups extends AbstractEventSource<ModelDeployment, ModelDeployment> {
    private final Duration period;
    private final Supplier<ScheduledExecutorService> timers;
    private final Set<ResourceID> pending = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService timer;

    /** @param period how long after a change its deployment is woken; zero wakes it at once */
    BatchedWakeups(Duration period) {
        this(period, null);
    }

    /** @param timers makes the timer at each start; null: one thread of its own */
    BatchedWakeups(Duration period, Supplier<ScheduledExecutorService> timers) {
        super(ModelDeployment.class, "batched-wakeups");
        this.period = period;
        // One thread: a wakeup only hands an event to the framework's queue.
        this.timers = timers != null ? timers : () -> DaemonTimer.named(name());
    }

    /**
     * For an informer's filter: wakes {@code deployment} when the batch period that this change opens, or joins,
     * ends.
     *
     * @return whether the informer itself should wake it now: when there is no period, or this source is not running
     */
    boolean later(ResourceID deployment) {
        ScheduledExecutorService running = timer;
        if (period.isZero() || running == null) {
            return true;
        }
        if (pending.add(deployment)) {
            try {
                running.schedule(() -> wake(deployment), period.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                pending.remove(deployment);
                return true;
            }
        }
        return false;
    }

    private void wake(ResourceID deployment) {
        // Removed first: a change during the reconcile this starts opens a batch of its own.
        pending.remove(deployment);
        if (getEventHandler() != null && isRunning()) {
            getEventHandler().handleEvent(new Event(deployment));
        }
    }

    @Override
    public synchronized void start() throws OperatorException {
        super.start();
        timer = timers.get();
    }

    @Override
    public synchronized void stop() throws OperatorException {
        ScheduledExecutorService running = timer;
        timer = null;
        if (running != null) {
            running.shutdownNow();
        }
        pending.clear();
        super.stop();
    }

    @Override
    public Set<ModelDeployment> getSecondaryResources(ModelDeployment primary) {
        return Set.of();
    }
}
