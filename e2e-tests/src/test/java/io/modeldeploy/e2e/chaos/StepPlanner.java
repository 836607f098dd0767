package io.modeldeploy.e2e.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Picks the next user action at random (seeded: the same seed and fleet give the same steps) among those that make
 * sense for the fleet as it is wanted now: a name of its pool that does not exist to create, an existing deployment to
 * scale, stop, start, re-adapt or delete. The pools bound the fleet to the capacity of its simulated nodes.
 */
final class StepPlanner {
    /** The names each kind's deployments take; a deleted name comes back later as a new deployment (a new uid). */
    static final Map<Kind, List<String>> POOLS = Map.of(
            Kind.IN_CLUSTER, List.of("ic-a", "ic-b"),
            Kind.MULTI_NODE, List.of("mn-a"),
            Kind.LORA_SERVICE, List.of("lora-a", "lora-b"),
            Kind.MANAGED, List.of("vd-a", "vd-b", "vd-c"));

    private final Random random;
    private final Set<Kind> kinds;

    /** @param kinds the kinds this scenario creates (e.g. managed only for a vendor storm) */
    StepPlanner(long seed, Set<Kind> kinds) {
        this.random = new Random(seed);
        this.kinds = Set.copyOf(kinds);
    }

    /**
     * @param wanted      the fleet as wanted now
     * @param unavailable names that cannot be created yet (deleted, maybe still finalizing)
     */
    Step next(Map<String, Wanted> wanted, Set<String> unavailable) {
        List<Step> candidates = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (Kind kind : kinds) {
            for (String name : POOLS.getOrDefault(kind, List.of())) {
                Wanted w = wanted.get(name);
                if (w == null) {
                    if (!unavailable.contains(name)) {
                        add(candidates, weights, 3, new Step(Step.Action.CREATE, name, fresh(name, kind)));
                    }
                    continue;
                }
                if (kind.maxReplicas() > 1) {
                    add(candidates, weights, 3, new Step(Step.Action.SCALE, name, w.withReplicas(otherReplicas(w))));
                }
                if (kind.stoppable()) {
                    add(candidates, weights, 2, w.stopped() ? new Step(Step.Action.START, name, w.withStopped(false))
                            : new Step(Step.Action.STOP, name, w.withStopped(true)));
                }
                if (kind.hasAdapters()) {
                    add(candidates, weights, 2, new Step(Step.Action.ADAPTERS, name, w.withAdapters(otherAdapters(w))));
                }
                add(candidates, weights, 1, Step.delete(name));
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no step possible: every name is deleted and not yet available");
        }
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        int pick = random.nextInt(total);
        for (int i = 0; i < candidates.size(); i++) {
            pick -= weights.get(i);
            if (pick < 0) {
                return candidates.get(i);
            }
        }
        throw new IllegalStateException("unreachable: the weights add up to " + total);
    }

    /**
     * A whole plan of up to {@code count} steps, fixed before any runs, for two runs of the same steps; a deleted name
     * is not created again within it (a run does not wait in between for the deletion to finish). Shorter when every
     * name is deleted.
     */
    List<Step> plan(int count) {
        Map<String, Wanted> wanted = new java.util.HashMap<>();
        Set<String> deleted = new java.util.HashSet<>();
        List<Step> steps = new ArrayList<>();
        while (steps.size() < count) {
            Step step;
            try {
                step = next(wanted, deleted);
            } catch (IllegalStateException nothingLeft) {
                break;
            }
            steps.add(step);
            if (step.after() == null) {
                wanted.remove(step.name());
                deleted.add(step.name());
            } else {
                wanted.put(step.name(), step.after());
            }
        }
        return steps;
    }

    private static void add(List<Step> candidates, List<Integer> weights, int weight, Step step) {
        candidates.add(step);
        weights.add(weight);
    }

    private Wanted fresh(String name, Kind kind) {
        List<String> adapters = kind.hasAdapters() ? List.of(adapterPool(name).get(0)) : List.of();
        return new Wanted(name, kind, 1, false, adapters);
    }

    private int otherReplicas(Wanted w) {
        int value = 1 + random.nextInt(w.kind().maxReplicas() - 1);
        return value >= w.replicas() ? value + 1 : value;
    }

    /** Another non-empty subset of the deployment's adapter pool. */
    private List<String> otherAdapters(Wanted w) {
        List<String> pool = adapterPool(w.name());
        while (true) {
            List<String> subset = new ArrayList<>();
            for (String adapter : pool) {
                if (random.nextBoolean()) {
                    subset.add(adapter);
                }
            }
            if (!subset.isEmpty() && !subset.equals(w.adapters())) {
                return subset;
            }
        }
    }

    /** Each deployment's own adapter names: LoRA services on one base must not serve the same name. */
    static List<String> adapterPool(String name) {
        return List.of(name + "-sql", name + "-tone", name + "-code");
    }
}
