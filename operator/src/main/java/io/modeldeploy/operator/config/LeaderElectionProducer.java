package io.modeldeploy.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

/**
 * Leader election for more than one operator replica. QOSDK looks up a {@link LeaderElectionConfiguration}
 * bean at start and elects a leader only when it finds one; none is produced unless enabled.
 */
@ApplicationScoped
public class LeaderElectionProducer {

    @Produces
    @Dependent
    @Unremovable
    LeaderElectionConfiguration leaderElection(OperatorConfig config) {
        OperatorConfig.LeaderElection election = config.leaderElection();
        if (!election.enabled()) {
            // A @Dependent producer may return null: QOSDK then runs without leader election.
            return null;
        }
        return new LeaderElectionConfiguration(election.leaseName(), election.leaseNamespace().orElse(null));
    }
}
