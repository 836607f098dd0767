package io.modeldeploy.e2e.chaos;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
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
    private static final String LEASE = "chaos-two-operators";
    /** A replica told to stop (SIGTERM) has this long to exit before SIGKILL, the kubelet's default grace period. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    /** One replica: its pod's host name (its identity in the election) and its process. */
    private record Replica(String host, OperatorProcess process) {
    }

    private final List<Replica> replicas = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
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
                "MODELDEPLOY_LEADER_ELECTION_LEASE_NAME", LEASE,
                "MODELDEPLOY_LEADER_ELECTION_LEASE_NAMESPACE", OperatorHarness.GATEWAY_NAMESPACE);
        harness.operator().stop();
        try {
            newReplica().process().start();
            newReplica().process().startAsFollower();
            leader();
            ScenarioResult result = rounds.run("two operators, leader election on", "leader changes (SIGTERM, kill -9)",
                    fleet, audit, (round, random) -> replaceLeader(round, random));
            problems.forEach(result::problem);
            return result;
        } finally {
            replicas.forEach(r -> r.process().stop());
            harness.operator().start();
        }
    }

    /** A replica in a new pod: its own host name. */
    private Replica newReplica() {
        String host = "modeldeploy-operator-chaos-" + (++pods);
        Map<String, String> podEnv = new HashMap<>(env);
        podEnv.put("HOSTNAME", host);
        Replica replica = new Replica(host, new OperatorProcess(cluster, podEnv));
        replicas.add(replica);
        return replica;
    }

    private int replaceLeader(int round, Random random) {
        Replica leader = leader();
        if (round % 2 == 1) {
            long start = System.nanoTime();
            if (!leader.process().terminate(GRACE)) {
                problems.add("round " + round + ": the leader " + leader.host() + " did not exit within " + GRACE.toSeconds()
                        + " s of SIGTERM (killed)");
            }
            ChaosLog.log("round " + round + ": " + leader.host() + " exited " + (System.nanoTime() - start) / 1_000_000
                    + " ms after SIGTERM");
            replicas.remove(leader);
            ChaosLog.log("round " + round + ": the leader's pod " + leader.host() + " replaced (SIGTERM, a new replica starts)");
            newReplica().process().startAsFollower();
        } else {
            leader.process().kill();
            ChaosLog.log("round " + round + ": the leader " + leader.host() + " killed (kill -9), its container restarts");
            leader.process().startAsFollower();
        }
        ChaosLog.log("round " + round + ": " + leader().host() + " leads");
        return 1;
    }

    /**
     * The replica the Lease names as its holder, once that is one of the running replicas: readiness cannot tell, a
     * replica that does not lead answers ready too.
     */
    private Replica leader() {
        return Await.until("a running replica holding the lease", TAKEOVER, () -> {
            Lease lease = cluster.client().leases().inNamespace(OperatorHarness.GATEWAY_NAMESPACE).withName(LEASE).get();
            String holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
            return replicas.stream().filter(r -> r.host().equals(holder)).findFirst().orElse(null);
        });
    }
}
