package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.GatewayProcess;
import io.modeldeploy.e2e.support.LocalCluster;
import io.modeldeploy.sim.testing.Await;

import java.time.Duration;
import java.util.List;

/**
 * The API server restarted mid-run: with an in-cluster and a managed deployment running and a steady stream of
 * requests through the gateway, a change is made, the API server (alone) is stopped for a while and started again,
 * and more changes follow at once. The operator must converge and the gateway route to a deployment created after the
 * return, both by reconnecting on their own (the figures: seconds after the return, printed); every request the
 * gateway accepted must be answered, since the engines stayed up.
 */
final class ApiServerRestartScenario {
    private static final Duration GATEWAY_READY = Duration.ofSeconds(90);

    record Settings(Duration downtime, Duration convergeTimeout) {
    }

    private final Settings settings;

    ApiServerRestartScenario(Settings settings) {
        this.settings = settings;
    }

    ScenarioResult run(Fleet fleet, FleetAudit audit, LocalCluster cluster) throws InterruptedException {
        ScenarioResult result = new ScenarioResult("API server stopped " + settings.downtime().toSeconds()
                + " s and restarted");
        List<Step> before = List.of(
                new Step(Step.Action.CREATE, "ic-a", new Wanted("ic-a", Kind.IN_CLUSTER, 2, false, List.of("ic-a-sql"))),
                new Step(Step.Action.CREATE, "vd-a", new Wanted("vd-a", Kind.MANAGED, 1, false, List.of())));
        before.forEach(fleet::apply);
        requireConverged(Convergence.await(audit, fleet, settings.convergeTimeout()));
        String key = fleet.namespace().apiKey("ic-a");
        try (GatewayProcess gateway = new GatewayProcess(cluster, "chaos", 1).start()) {
            awaitServed(gateway, "ic-a", key, GATEWAY_READY);
            try (RequestStream stream = RequestStream.start(gateway, "ic-a", key)) {
                Step inFlight = new Step(Step.Action.SCALE, "vd-a", fleet.wanted().get("vd-a").withReplicas(2));
                fleet.apply(inFlight);
                cluster.stopApiServer();
                ChaosLog.log("API server stopped");
                // The fault's length; what happens meanwhile is judged after the return.
                Thread.sleep(settings.downtime().toMillis());
                cluster.startApiServer();
                long back = System.nanoTime();
                ChaosLog.log("API server back");
                Wanted vdA = fleet.wanted().get("vd-a");
                List<Step> after = List.of(
                        new Step(Step.Action.CREATE, "ic-b", new Wanted("ic-b", Kind.IN_CLUSTER, 1, false, List.of("ic-b-sql"))),
                        new Step(Step.Action.SCALE, "vd-a", vdA.withReplicas(3)));
                after.forEach(fleet::apply);
                result.steps(before.size() + 1 + after.size());
                result.faults(1, "API server restart");
                Convergence.Outcome outcome = Convergence.await(audit, fleet, settings.convergeTimeout());
                Duration sinceReturn = Duration.ofNanos(System.nanoTime() - back);
                result.round(new Convergence.Outcome(outcome.converged(), sinceReturn, outcome.last()),
                        "convergence after the API server's return");
                ChaosLog.log("operator converged " + sinceReturn.toMillis() + " ms after the API server's return");
                String keyB = fleet.namespace().apiKey("ic-b");
                awaitServed(gateway, "ic-b", keyB, settings.convergeTimeout());
                Duration routed = Duration.ofNanos(System.nanoTime() - back);
                result.note(String.format("the gateway routed to ic-b (created after the return) %.1f s after the "
                        + "API server's return; the operator converged after %.1f s", routed.toMillis() / 1000.0,
                        sinceReturn.toMillis() / 1000.0));
                stream.stop();
                result.lostRequests(stream.lost() + " of " + stream.sent());
                if (stream.lost() > 0) {
                    result.problem(stream.lost() + " of " + stream.sent() + " requests through the gateway were not "
                            + "answered 200, e.g. " + stream.failures());
                }
            }
        }
        fleet.deleteAll();
        result.round(Convergence.await(audit, fleet, settings.convergeTimeout()), "deleting everything");
        return result;
    }

    private static void awaitServed(GatewayProcess gateway, String model, String key, Duration timeout) {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ready?\"}]}";
        Await.until("the gateway serves " + model + " (log: " + gateway.log() + ")", timeout,
                () -> gateway.post("/chat/completions", key, body).statusCode() == 200);
    }

    private static void requireConverged(Convergence.Outcome outcome) {
        if (!outcome.converged()) {
            throw new AssertionError("the fleet did not converge before the API server was stopped: " + outcome.last());
        }
    }
}
