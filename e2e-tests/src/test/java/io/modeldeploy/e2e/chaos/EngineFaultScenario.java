package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.e2e.support.ModelDeploymentView;
import io.modeldeploy.sim.node.Fault;
import io.modeldeploy.sim.node.FaultRule;
import io.modeldeploy.sim.node.NodeSimulator;
import io.modeldeploy.sim.testing.Await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Engine faults, one after another on an in-cluster deployment with LoRA adapters: its engine crashing (CrashLoop),
 * its health checks failing as a wedged engine's do, hanging as a hung engine's do (the probe times out), and its
 * engine refusing to load an adapter. Each time, status
 * must name the fault (a condition with the reason the README's status reference gives), and once the fault clears
 * the deployment must converge again by itself. Printed: how long status took to name each fault, and to recover.
 */
final class EngineFaultScenario {
    private static final String NAME = "ic-a";
    private static final String REFUSED_ADAPTER = "ic-a-tone";

    /** One fault: how to inject it, what status must call it, how to clear it. */
    private record EngineFault(String describe, String reason, Runnable inject, Runnable clear) {
    }

    private final Duration timeout;

    EngineFaultScenario(Duration timeout) {
        this.timeout = timeout;
    }

    ScenarioResult run(Fleet fleet, FleetAudit audit, NodeSimulator nodes) {
        InNamespace ns = fleet.namespace();
        ScenarioResult result = new ScenarioResult("engine faults (crash loop, failing health, hanging health, refused adapter)");
        Wanted wanted = new Wanted(NAME, Kind.IN_CLUSTER, 1, false, List.of("ic-a-sql"));
        fleet.apply(new Step(Step.Action.CREATE, NAME, wanted));
        Convergence.Outcome start = Convergence.await(audit, fleet, timeout);
        if (!start.converged()) {
            throw new AssertionError(NAME + " did not converge before any fault: " + start.last());
        }
        Map<String, String> pods = Map.of("modeldeploy.io/deployment", NAME);
        FaultRule[] rule = new FaultRule[1];
        Wanted withRefused = wanted.withAdapters(List.of("ic-a-sql", REFUSED_ADAPTER));
        List<EngineFault> faults = List.of(
                new EngineFault("the engine crashing", "CrashLoopBackOff",
                        () -> rule[0] = nodes.faults().inject(ns.name(), pods, Fault.CRASH_LOOP),
                        () -> nodes.faults().clear(rule[0])),
                new EngineFault("health checks failing (a wedged engine)", "ReadinessProbeFailing",
                        () -> rule[0] = nodes.faults().inject(ns.name(), pods, Fault.NEVER_READY),
                        () -> nodes.faults().clear(rule[0])),
                new EngineFault("health checks hanging (a hung engine: the probe times out)", "ReadinessProbeFailing",
                        () -> rule[0] = nodes.faults().inject(ns.name(), pods, Fault.HEALTH_HANGS),
                        () -> nodes.faults().clear(rule[0])),
                new EngineFault("an adapter load refused", "AdapterLoadFailed",
                        () -> {
                            engine(ns, nodes).failAdapterLoads(REFUSED_ADAPTER, "CUDA out of memory (SIMULATED)");
                            fleet.apply(new Step(Step.Action.ADAPTERS, NAME, withRefused));
                        },
                        () -> engine(ns, nodes).failAdapterLoads(REFUSED_ADAPTER, null)));
        for (EngineFault fault : faults) {
            ChaosLog.log("engine fault: " + fault.describe());
            long injected = System.nanoTime();
            fault.inject().run();
            Optional<String> named = awaitNamed(ns, fault.reason());
            double namedAfter = (System.nanoTime() - injected) / 1e9;
            fault.clear().run();
            Convergence.Outcome recovered = Convergence.await(audit, fleet, timeout);
            result.round(recovered, "recovery from " + fault.describe());
            if (named.isEmpty()) {
                result.problem("status never named " + fault.describe() + " (" + fault.reason() + "): "
                        + ns.md(NAME).status().get("conditions"));
            } else {
                result.note(String.format("%s: status said %s after %.1f s (\"%s\"); converged %.1f s after it cleared",
                        fault.describe(), fault.reason(), namedAfter, named.get(),
                        recovered.elapsed().toMillis() / 1000.0));
            }
        }
        result.steps(2);
        result.faults(faults.size(), "engine faults");
        fleet.deleteAll();
        result.round(Convergence.await(audit, fleet, timeout), "deleting everything");
        return result;
    }

    private static io.modeldeploy.sim.engine.EngineSimulator engine(InNamespace ns, NodeSimulator nodes) {
        String pod = (String) ns.md(NAME).instances().get(0).get("instanceId");
        return nodes.engine(ns.name(), pod).orElseThrow(() -> new AssertionError("no engine in pod " + pod));
    }

    /** The message of the first condition whose reason names the fault, once one does (empty at the bound). */
    @SuppressWarnings("unchecked")
    private Optional<String> awaitNamed(InNamespace ns, String reason) {
        try {
            return Optional.of(Await.until(NAME + " status naming " + reason, timeout, () -> {
                ModelDeploymentView md = ns.md(NAME);
                Object conditions = md.status().get("conditions");
                if (conditions == null) {
                    return null;
                }
                return ((List<Map<String, Object>>) conditions).stream().filter(c -> reason.equals(c.get("reason")))
                        .map(c -> c.get("type") + ": " + c.get("message")).findFirst().orElse(null);
            }));
        } catch (AssertionError notNamed) {
            return Optional.empty();
        }
    }
}
