package io.modeldeploy.operator.reconcile;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Lets go of held credentials Secrets that no ModelDeployment needs any more, however the last one went: also when
 * someone removed a deployment's finalizer by hand, or the operator was not running when it went (tenancy.md). No
 * reconcile runs for a deployment that is gone, so every {@link #PERIOD} each namespace with a Secret carrying the hold's
 * label is swept ({@link CredentialsHold#sweep}), from the informers' caches: a round sends nothing to the API server
 * unless it lets a Secret go.
 */
final class CredentialsSweep extends LeaderOnlySweep {
    static final Duration PERIOD = Duration.ofSeconds(20);
    private static final Duration FIRST = Duration.ofSeconds(5);

    private final CredentialsHold hold;
    private final Supplier<Set<String>> namespacesHoldingSecrets;

    CredentialsSweep(CredentialsHold hold) {
        this(hold, hold::namespacesHolding);
    }

    /** @param namespacesHoldingSecrets the watched namespaces that have a Secret with the hold's label */
    CredentialsSweep(CredentialsHold hold, Supplier<Set<String>> namespacesHoldingSecrets) {
        super("credentials-sweep", FIRST, PERIOD);
        this.hold = hold;
        this.namespacesHoldingSecrets = namespacesHoldingSecrets;
    }

    /** One round: every namespace with a held Secret is swept. */
    @Override
    void sweep() {
        for (String namespace : namespacesHoldingSecrets.get()) {
            hold.sweep(namespace);
        }
    }
}
