package io.modeldeploy.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ConditionsTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:30:45.678Z");
    private static final String EARLIER = "2025-06-01T08:00:00Z";

    private static Condition previous(String type, boolean status) {
        return new ConditionBuilder(Conditions.of(type, status, "Old", "old message", 2L)).withLastTransitionTime(EARLIER).build();
    }

    @Test
    void ofBuildsAStandardCondition() {
        Condition c = Conditions.of("Ready", true, "AllInstancesReady", "2/2 instances ready", 7L);

        assertThat(c.getType()).isEqualTo("Ready");
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getReason()).isEqualTo("AllInstancesReady");
        assertThat(c.getMessage()).isEqualTo("2/2 instances ready");
        assertThat(c.getObservedGeneration()).isEqualTo(7L);
    }

    @Test
    void nullMessageBecomesEmpty() {
        assertThat(Conditions.of("Ready", false, "X", null, 1L).getMessage()).isEmpty();
    }

    @Test
    void unchangedStatusKeepsItsTransitionTime() {
        List<Condition> out = Conditions.carryOver(List.of(previous("Ready", false)),
                List.of(Conditions.of("Ready", false, "InstancesNotReady", "0/1 instances ready", 3L)), NOW);

        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.getLastTransitionTime()).isEqualTo(EARLIER);
            assertThat(c.getReason()).isEqualTo("InstancesNotReady");
            assertThat(c.getMessage()).isEqualTo("0/1 instances ready");
            assertThat(c.getObservedGeneration()).isEqualTo(3L);
        });
    }

    @Test
    void flippedStatusGetsNowTruncatedToSeconds() {
        List<Condition> out = Conditions.carryOver(List.of(previous("Ready", false)),
                List.of(Conditions.of("Ready", true, "AllInstancesReady", "", 3L)), NOW);

        assertThat(out).singleElement().satisfies(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2025-06-01T12:30:45Z"));
    }

    @Test
    void newConditionTypeGetsNow() {
        List<Condition> out = Conditions.carryOver(List.of(previous("Ready", true)),
                List.of(Conditions.of("Degraded", false, "AsExpected", "", 3L)), NOW);

        assertThat(out).singleElement().satisfies(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2025-06-01T12:30:45Z"));
    }

    @Test
    void noPreviousConditionsGivesNowForAll() {
        List<Condition> out = Conditions.carryOver(null,
                List.of(Conditions.of("Ready", true, "R", "", 1L), Conditions.of("Degraded", false, "R", "", 1L)), NOW);

        assertThat(out).extracting(Condition::getLastTransitionTime).containsOnly("2025-06-01T12:30:45Z");
    }

    @Test
    void eachTypeIsComparedWithItsOwnPreviousCondition() {
        List<Condition> out = Conditions.carryOver(List.of(previous("Ready", false), previous("Degraded", false)),
                List.of(Conditions.of("Ready", true, "R", "", 1L), Conditions.of("Degraded", false, "R", "", 1L)), NOW);

        assertThat(out).extracting(Condition::getType, Condition::getLastTransitionTime).containsExactly(
                tuple("Ready", "2025-06-01T12:30:45Z"),
                tuple("Degraded", EARLIER));
    }

    @Test
    void previousWithoutTransitionTimeGetsNow() {
        List<Condition> out = Conditions.carryOver(List.of(Conditions.of("Ready", true, "R", "", 1L)),
                List.of(Conditions.of("Ready", true, "R", "", 1L)), NOW);

        assertThat(out).singleElement().satisfies(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2025-06-01T12:30:45Z"));
    }

    @Test
    void carryOverDoesNotModifyTheInput() {
        Condition next = Conditions.of("Ready", true, "R", "", 1L);

        Conditions.carryOver(List.of(), List.of(next), NOW);

        assertThat(next.getLastTransitionTime()).isNull();
    }

    @Test
    void findLooksUpByType() {
        List<Condition> conditions = List.of(previous("Ready", true), previous("Degraded", false));

        assertThat(Conditions.find(conditions, "Degraded")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
        assertThat(Conditions.find(conditions, "AdaptersReady")).isEmpty();
        assertThat(Conditions.find(null, "Ready")).isEmpty();
    }
}
