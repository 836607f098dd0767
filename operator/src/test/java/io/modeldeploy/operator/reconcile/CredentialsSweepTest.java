package io.modeldeploy.operator.reconcile;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The sweep's round; that it lets go of a Secret on the real API server is shown by NamespaceDeletionIT. */
class CredentialsSweepTest {
    private final FakeCredentialsHold hold = new FakeCredentialsHold();

    @Test
    void everyNamespaceHoldingASecretIsSweptEachRound() {
        CredentialsSweep sweep = new CredentialsSweep(hold, () -> new TreeSet<>(Set.of("team-b", "team-a")));

        sweep.sweep();

        assertThat(hold.swept).containsExactly("team-a", "team-b");
    }

    @Test
    void aNamespaceWithoutHeldSecretsIsNotLookedAt() {
        new CredentialsSweep(hold, Set::of).sweep();

        assertThat(hold.swept).isEmpty();
    }

    @Test
    void aRoundThatFailsIsLoggedAndLeavesTheNextRoundsToTry() {
        CredentialsSweep sweep = new CredentialsSweep(hold, () -> {
            throw new IllegalStateException("API server unavailable");
        });

        sweep.sweepIfLeading();

        assertThat(hold.swept).isEmpty();
    }
}
