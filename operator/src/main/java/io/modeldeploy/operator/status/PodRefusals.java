package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.modeldeploy.operator.api.v1alpha1.ModelDeploymentStatus;
import io.modeldeploy.operator.deployment.ResolvedDeployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pods the API server refused to create (a ResourceQuota, a LimitRange, an admission webhook or Pod Security
 * admission): without this the deployment would wait for instances forever. The ReplicaSet controller reports
 * a refusal as the {@code ReplicaFailure} condition, which the Deployment carries; a group pod the operator
 * creates itself is refused to the operator directly (403, 422).
 */
public final class PodRefusals {
    public static final String REASON = "ReplicaFailure";
    private static final int MAX_MESSAGE = 300;

    private PodRefusals() {
    }

    /** The API server's words when the Deployment's pods are being refused now. */
    public static Optional<String> of(Optional<Deployment> deployment) {
        return deployment.map(Deployment::getStatus).map(s -> s.getConditions()).orElse(List.of()).stream()
                .filter(c -> REASON.equals(c.getType()) && "True".equals(c.getStatus()))
                .map(DeploymentCondition::getMessage).filter(m -> m != null && !m.isBlank())
                .findFirst();
    }

    /**
     * {@code status} saying that instances cannot be created: {@code Ready=False} and {@code Degraded=True},
     * reason {@code ReplicaFailure}, with the API server's message. Only while not every instance is ready: a
     * refused surge pod of a healthy deployment is not an outage.
     */
    public static ModelDeploymentStatus apply(ModelDeploymentStatus status, ResolvedDeployment d, Optional<String> refusal) {
        int ready = status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        if (refusal.isEmpty() || ready >= d.desiredReplicas()) {
            return status;
        }
        String message = "the API server refused an instance's pod: " + excerpt(refusal.get());
        Long generation = d.ref().generation();
        List<Condition> conditions = new ArrayList<>();
        for (Condition c : status.getConditions()) {
            switch (c.getType()) {
                case Conditions.READY, Conditions.DEGRADED -> conditions.add(Conditions.of(c.getType(),
                        Conditions.DEGRADED.equals(c.getType()), REASON, message, generation));
                case Conditions.PROGRESSING -> conditions.add(Conditions.of(c.getType(), true, REASON, message, generation));
                default -> conditions.add(c);
            }
        }
        status.setConditions(conditions);
        return status;
    }

    private static String excerpt(String message) {
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }
}
