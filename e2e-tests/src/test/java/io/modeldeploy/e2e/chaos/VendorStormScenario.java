package io.modeldeploy.e2e.chaos;

import io.modeldeploy.e2e.support.InNamespace;
import io.modeldeploy.sim.platform.drun.DRunSimulator;
import io.modeldeploy.sim.platform.http.RecordedRequest;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;

/**
 * Vendor storms: the same managed steps twice, each time on a fresh SIMULATED d.run: once in fair weather (the
 * reference), once through a {@link VendorWeather} storm. Each run ends with deleting everything. Every managed
 * deployment must converge once the vendor is healthy again, with no duplicate service and nothing left at the vendor;
 * the vendor calls of the stormy run, over those of the reference, are the figure (printed, not asserted: the
 * operator's polls while waiting out an outage depend on how long it lasts).
 */
final class VendorStormScenario {
    private static final int MIN_PAUSE_MS = 300;
    private static final int MAX_PAUSE_MS = 2500;

    record Settings(long seed, int steps, VendorWeather.Storm storm, Duration convergeTimeout) {
    }

    private final Settings settings;

    VendorStormScenario(Settings settings) {
        this.settings = settings;
    }

    /** @param reference the vendor of the fair-weather run; the stormy run starts its own */
    List<ScenarioResult> run(InNamespace ns, DRunSimulator reference) throws InterruptedException {
        List<Step> steps = new StepPlanner(settings.seed(), EnumSet.of(Kind.MANAGED)).plan(settings.steps());
        ScenarioResult fair = new ScenarioResult("vendor fair weather (reference)");
        int fairCalls = runSteps(ns, reference, steps, fair, null);
        fair.vendorCalls(fairCalls + " (reference)");
        fair.faults(0, "");
        ScenarioResult stormy = new ScenarioResult("vendor storm: " + settings.storm().describe());
        try (DRunSimulator vendor = ChaosStage.startVendor()) {
            int stormCalls = runSteps(ns, vendor, steps, stormy, settings.storm());
            stormy.vendorCalls(String.format("%d (%.2fx)", stormCalls, stormCalls / (double) fairCalls));
        }
        return List.of(fair, stormy);
    }

    /** Applies the steps (with the same seeded pauses), waits for convergence, deletes everything; returns the calls. */
    private int runSteps(InNamespace ns, DRunSimulator vendor, List<Step> steps, ScenarioResult result,
                         VendorWeather.Storm storm) throws InterruptedException {
        Fleet fleet = new Fleet(ns, vendor.baseUrl());
        FleetAudit audit = new FleetAudit(ns, vendor);
        Random pauses = new Random(settings.seed());
        VendorWeather weather = storm == null ? null : VendorWeather.start(vendor.faults(), storm, settings.seed());
        try {
            for (Step step : steps) {
                ChaosLog.log((storm == null ? "fair" : "storm") + ": " + step);
                fleet.apply(step);
                Thread.sleep(MIN_PAUSE_MS + pauses.nextInt(MAX_PAUSE_MS - MIN_PAUSE_MS));
            }
            result.steps(steps.size());
            if (weather != null) {
                weather.awaitCleared(storm.length().plusMinutes(1));
                ChaosLog.log("storm over: the vendor is healthy again");
            }
            Convergence.Outcome outcome = Convergence.await(audit, fleet, settings.convergeTimeout());
            ChaosLog.log((storm == null ? "fair" : "storm") + " run " + (outcome.converged() ? "converged in "
                    + outcome.elapsed().toMillis() + " ms" : "NOT converged: " + outcome.last()));
            result.round(outcome, storm == null ? "the fair-weather run" : "the stormy run, once the vendor was healthy");
            fleet.deleteAll();
            Convergence.Outcome cleanup = Convergence.await(audit, fleet, settings.convergeTimeout());
            result.round(cleanup, "deleting everything");
        } finally {
            if (weather != null) {
                weather.close();
                List<RecordedRequest> all = vendor.requests().all();
                long errors = all.stream().filter(r -> r.status() == 429 || r.status() >= 500).count();
                result.faults((int) errors + weather.timeouts(), "(5xx/429 answers, timeouts; down "
                        + storm.outage().toSeconds() + " s)");
            }
        }
        return vendor.requests().all().size();
    }
}
