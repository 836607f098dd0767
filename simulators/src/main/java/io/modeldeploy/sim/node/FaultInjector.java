package io.modeldeploy.sim.node;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Decides which fault, if any, a pod plays: its own {@link SimAnnotations#FAULT} annotation first, then the rules
 * injected through {@link NodeSimulator#faults()}.
 */
public final class FaultInjector {
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();

    public FaultRule inject(String namespace, Map<String, String> labels, Fault fault) {
        FaultRule rule = new FaultRule(namespace, labels, fault);
        rules.add(rule);
        return rule;
    }

    public void clear(FaultRule rule) {
        rules.remove(rule);
    }

    public void clearAll() {
        rules.clear();
    }

    Optional<Fault> faultFor(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(SimAnnotations.FAULT)) {
            try {
                return Fault.parse(annotations.get(SimAnnotations.FAULT));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }
        return rules.stream().filter(r -> r.matches(pod)).map(FaultRule::fault).findFirst();
    }
}
