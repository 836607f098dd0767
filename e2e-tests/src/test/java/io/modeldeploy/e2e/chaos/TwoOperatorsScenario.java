package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.LocalCluster;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.e2e.support.OperatorProcess;
import io.modeldeploy.sim.testing.Await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two operators at once with leader election on, as during a rolling upgrade of the chart's two replicas: both run
 * through {@link RandomRounds}; in odd rounds the leader is stopped as Kubernetes stops a pod (SIGTERM) and a new
 * replica starts, in even rounds the leader is {@code kill -9}ed and started again. The other replica must take over;
 * at no time may the two have made duplicate objects or vendor services.
 */
final class TwoOperatorsScenario {
    /** A new leader takes the lease once the old one's expires (15 s by default) or was released. */
    private static final Duration TAKEOVER = Duration.ofSeconds(90);

    private final RandomRounds rounds;

    TwoOperatorsScenario(RandomRounds.Settings settings) {
        this.rounds = new RandomRounds(settings);
    }

    /** Stops the harness's operator (without leader election) for the scenario and starts it again afterwards. */
    ScenarioResult run(Fleet fleet, FleetAudit audit, OperatorHarness harness) throws InterruptedException {
        LocalCluster cluster = harness.cluster();
        Map<String, String> env = Map.of("MODELDEPLOY_GATEWAY_NAMESPACE", OperatorHarness.GATEWAY_NAMESPACE,
                "MODELDEPLOY_MANAGED_CREDENTIALS_RECHECK", OperatorHarness.CREDENTIALS_RECHECK.toSeconds() + "s",
                "MODELDEPLOY_LEADER_ELECTION_ENABLED", "true",
                "MODELDEPLOY_LEADER_ELECTION_LEASE_NAME", "chaos-two-operators",
                "MODELDEPLOY_LEADER_ELECTION_LEASE_NAMESPACE", OperatorHarness.GATEWAY_NAMESPACE);
        harness.operator().stop();
        try (OperatorProcess first = new OperatorProcess(cluster, env); OperatorProcess second = new OperatorProcess(cluster, env)) {
            List<OperatorProcess> replicas = List.of(first, second);
            first.start();
            second.startAsFollower();
            return rounds.run("two operators, leader election on", "leader changes (SIGTERM, kill -9)", fleet, audit,
                    (round, random) -> replaceLeader(replicas, round, random));
        } finally {
            harness.operator().start();
        }
    }

    private static int replaceLeader(List<OperatorProcess> replicas, int round, Random random) {
        OperatorProcess leader = leader(replicas);
        OperatorProcess follower = replicas.get(0) == leader ? replicas.get(1) : replicas.get(0);
        if (round % 2 == 1) {
            leader.stop();
            ChaosLog.log("round " + round + ": leader stopped (SIGTERM), a new replica starts");
        } else {
            leader.kill();
            ChaosLog.log("round " + round + ": leader killed (kill -9), it starts again");
        }
        leader.startAsFollower();
        Await.until("the other replica leads", TAKEOVER, () -> follower.status("/q/health/ready") == 200);
        return 1;
    }

    /** The one replica that is ready: a replica's controllers (and readiness) start only once it leads. */
    private static OperatorProcess leader(List<OperatorProcess> replicas) {
        return Await.until("exactly one leading replica", TAKEOVER, () -> {
            List<OperatorProcess> ready = replicas.stream().filter(r -> ready(r)).toList();
            return ready.size() == 1 ? ready.get(0) : null;
        });
    }

    private static boolean ready(OperatorProcess replica) {
        try {
            return replica.status("/q/health/ready") == 200;
        } catch (IllegalStateException notAnswering) {
            return false;
        }
    }
}
