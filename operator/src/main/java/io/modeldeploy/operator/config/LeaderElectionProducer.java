package io.modeldeploy.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkus.runtime.ApplicationLifecycleManager;
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
        // For the log only: the SDK names the replica by its host name (the pod's name) itself.
        String identity = System.getenv().getOrDefault("HOSTNAME", "modeldeploy-operator");
        return configuration(election.leaseName(), election.leaseNamespace().orElse(null),
                new LostLeadership(ApplicationLifecycleManager::isVmShuttingDown, () -> System.exit(1)), identity);
    }

    /** The SDK's exit on stop-leading is off: {@link LostLeadership} decides, so that a SIGTERM ends the process. */
    static LeaderElectionConfiguration configuration(String leaseName, String leaseNamespace, LostLeadership lost,
                                                     String identity) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName)
                .withLeaseNamespace(leaseNamespace)
                .withLeaderCallbacks(lost.callbacks(identity))
                .withExitOnStopLeading(false)
                .build();
    }
}
