package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.LocalCluster;
import io.modeldeploy.e2e.support.OperatorHarness;
import io.modeldeploy.e2e.support.OperatorProcess;
import io.modeldeploy.sim.testing.Await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two operators at once with leader election on, as the chart's two replicas during a rolling upgrade: both run
 * through {@link RandomRounds}; in odd rounds the leader's pod is replaced (SIGTERM, then a new replica under a new pod
 * name), in even rounds the leader is {@code kill -9}ed and its container restarts (same pod name). A replica must
 * lead again each time; at no time may the two have made duplicate objects or vendor services.
 *
 * <p>Each replica gets its own {@code HOSTNAME}, as each pod has its own: the election's identity is the host name,
 * and two processes on one host would otherwise both believe they hold the lease.
 */
final class TwoOperatorsScenario {
    /** A replica takes the lease once the old holder's expires (15 s by default) or was released. */
    private static final Duration TAKEOVER = Duration.ofSeconds(90);

    private final RandomRounds rounds;
    private final List<OperatorProcess> replicas = new ArrayList<>();
    private Map<String, String> env;
    private LocalCluster cluster;
    private int pods;

    TwoOperatorsScenario(RandomRounds.Settings settings) {
        this.rounds = new RandomRounds(settings);
    }

    /** Stops the harness's operator (without leader election) for the scenario and starts it again afterwards. */
    ScenarioResult run(Fleet fleet, FleetAudit audit, OperatorHarness harness) throws InterruptedException {
        cluster = harness.cluster();
        env = Map.of("MODELDEPLOY_GATEWAY_NAMESPACE", OperatorHarness.GATEWAY_NAMESPACE,
                "MODELDEPLOY_MANAGED_CREDENTIALS_RECHECK", OperatorHarness.CREDENTIALS_RECHECK.toSeconds() + "s",
                "MODELDEPLOY_LEADER_ELECTION_ENABLED", "true",
                "MODELDEPLOY_LEADER_ELECTION_LEASE_NAME", "chaos-two-operators",
                "MODELDEPLOY_LEADER_ELECTION_LEASE_NAMESPACE", OperatorHarness.GATEWAY_NAMESPACE);
        harness.operator().stop();
        try {
            newReplica().start();
            newReplica().startAsFollower();
            leader();
            return rounds.run("two operators, leader election on", "leader changes (SIGTERM, kill -9)", fleet, audit,
                    (round, random) -> replaceLeader(round, random));
        } finally {
            replicas.forEach(OperatorProcess::stop);
            harness.operator().start();
        }
    }

    /** A replica in a new pod: its own host name. */
    private OperatorProcess newReplica() {
        Map<String, String> podEnv = new HashMap<>(env);
        podEnv.put("HOSTNAME", "modeldeploy-operator-chaos-" + (++pods));
        OperatorProcess replica = new OperatorProcess(cluster, podEnv);
        replicas.add(replica);
        return replica;
    }

    private int replaceLeader(int round, Random random) {
        OperatorProcess leader = leader();
        if (round % 2 == 1) {
            leader.stop();
            replicas.remove(leader);
            ChaosLog.log("round " + round + ": the leader's pod replaced (SIGTERM, a new replica starts)");
            newReplica().startAsFollower();
        } else {
            leader.kill();
            ChaosLog.log("round " + round + ": the leader killed (kill -9), its container restarts");
            leader.startAsFollower();
        }
        leader();
        return 1;
    }

    /** The one replica that is ready: a replica's controllers (and its readiness) start only once it leads. */
    private OperatorProcess leader() {
        return Await.until("exactly one leading replica", TAKEOVER, () -> {
            List<OperatorProcess> ready = replicas.stream().filter(TwoOperatorsScenario::ready).toList();
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
