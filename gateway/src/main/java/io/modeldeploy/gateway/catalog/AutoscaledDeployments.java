package io.modeldeploy.gateway.catalog;

import io.fabric8.kubernetes.api.model.Condition;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.api.v1alpha1.Provider;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads whether a ModelDeployment autoscales, and why it is not ready (pure). */
public final class AutoscaledDeployments {
    static final String READY = "Ready";

    private AutoscaledDeployments() {
    }

    /** Empty without {@code spec.autoscaling}. */
    public static Optional<Autoscaled> of(ModelDeployment md) {
        if (md.getSpec() == null || md.getSpec().getAutoscaling() == null) {
            return Optional.empty();
        }
        Provider provider = md.getSpec().getTarget() == null ? null : md.getSpec().getTarget().getProvider();
        boolean inCluster = provider == null || provider == Provider.InCluster;
        List<Condition> conditions = md.getStatus() == null || md.getStatus().getConditions() == null
                ? List.of() : md.getStatus().getConditions();
        String readyMessage = conditions.stream().filter(c -> READY.equals(c.getType()))
                .map(Condition::getMessage).filter(Objects::nonNull).findFirst().orElse("");
        return Optional.of(new Autoscaled(md.getMetadata().getNamespace(), md.getMetadata().getName(), inCluster,
                readyMessage));
    }
}
