package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Standard conditions: a transition time that moves only when the status flips. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String PROGRESSING = "Progressing";
    public static final String DEGRADED = "Degraded";
    public static final String ADAPTERS_READY = "AdaptersReady";

    private Conditions() {
    }

    public static Condition of(String type, boolean status, String reason, String message, Long generation) {
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status ? "True" : "False")
                .withReason(reason)
                .withMessage(message == null ? "" : message)
                .withObservedGeneration(generation)
                .build();
    }

    /** Fills each condition's lastTransitionTime: kept from {@code previous} when its status did not change, else now. */
    public static List<Condition> carryOver(List<Condition> previous, List<Condition> next, Instant now) {
        List<Condition> out = new ArrayList<>();
        String nowText = now.truncatedTo(ChronoUnit.SECONDS).toString();
        for (Condition c : next) {
            String time = find(previous, c.getType())
                    .filter(old -> old.getStatus().equals(c.getStatus()) && old.getLastTransitionTime() != null)
                    .map(Condition::getLastTransitionTime)
                    .orElse(nowText);
            out.add(new ConditionBuilder(c).withLastTransitionTime(time).build());
        }
        return out;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
