package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.EventProcessor;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets go of held credentials Secrets that no ModelDeployment needs any more, however the last one went: also when
 * someone removed a deployment's finalizer by hand, or the operator was not running when it went (tenancy.md). No
 * reconcile runs for a deployment that is gone, so every {@link #PERIOD} each namespace with a Secret carrying the hold's
 * label is swept ({@link CredentialsHold#sweep}), from the informers' caches: a round sends nothing to the API server
 * unless it lets a Secret go. An event source,
 * so that it runs only while the controller does (with leader election: only on the leader), and emits no events.
 */
final class CredentialsSweep extends AbstractEventSource<Secret, ModelDeployment> {
    private static final Logger LOG = Logger.getLogger(CredentialsSweep.class);
    static final Duration PERIOD = Duration.ofSeconds(20);
    private static final Duration FIRST = Duration.ofSeconds(5);

    private final CredentialsHold hold;
    private final Supplier<Set<String>> namespacesHoldingSecrets;
    private ScheduledExecutorService timer;

    CredentialsSweep(CredentialsHold hold) {
        this(hold, hold::namespacesHolding);
    }

    /** @param namespacesHoldingSecrets the watched namespaces that have a Secret with the hold's label */
    CredentialsSweep(CredentialsHold hold, Supplier<Set<String>> namespacesHoldingSecrets) {
        super(Secret.class, "credentials-sweep");
        this.hold = hold;
        this.namespacesHoldingSecrets = namespacesHoldingSecrets;
    }

    @Override
    public synchronized void start() throws OperatorException {
        super.start();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "credentials-sweep");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweepIfLeading, FIRST.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() throws OperatorException {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        super.stop();
    }

    @Override
    public Set<Secret> getSecondaryResources(ModelDeployment primary) {
        return Set.of();
    }

    void sweepIfLeading() {
        // The framework starts event sources before this replica leads; it processes events only once it does.
        if (getEventHandler() instanceof EventProcessor<?> processor && !processor.isRunning()) {
            return;
        }
        try {
            sweep();
        } catch (RuntimeException e) {
            // The next round tries again; a sweep is never urgent enough to stop the timer.
            LOG.warnf("sweeping held credentials Secrets failed (next try in %s): %s", PERIOD, e.getMessage());
        }
    }

    /** One round: every namespace with a held Secret is swept. */
    void sweep() {
        for (String namespace : namespacesHoldingSecrets.get()) {
            hold.sweep(namespace);
        }
    }
}
