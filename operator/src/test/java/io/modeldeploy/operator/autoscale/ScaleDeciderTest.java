package io.modeldeploy.operator.autoscale;

import io.modeldeploy.operator.MutableClock;
import io.modeldeploy.operator.deployment.AutoscalePolicy;
import io.modeldeploy.operator.deployment.ScaleDecision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decider over rounds a second apart, on a clock the test moves: as the scaling loop drives it. */
class ScaleDeciderTest {
    private static final Duration DELAY = Duration.ofMinutes(5);
    private final MutableClock clock = new MutableClock();
    private AutoscalePolicy policy = new AutoscalePolicy(0, 4, 8, DELAY);
    private ScaleDecision current;
    private ScaleHistory history = ScaleHistory.EMPTY;
    private int changes;

    private void startAt(int replicas) {
        current = new ScaleDecision(replicas, 0, 0, 0, "start", clock.instant());
    }

    /** One round: the decision in force afterwards. */
    private ScaleDecision round(Load load) {
        ScaleDecider.Outcome outcome = ScaleDecider.decide(load, current, policy, clock.instant(), history);
        history = outcome.history();
        if (outcome.changed()) {
            current = outcome.next();
            changes++;
        }
        assertThat(outcome.next().reason()).isNotBlank();
        return outcome.next();
    }

    /** Rounds every second for {@code d} with the same load. */
    private ScaleDecision rounds(Duration d, Load load) {
        ScaleDecision last = null;
        for (long s = 0; s < d.getSeconds(); s++) {
            clock.advance(Duration.ofSeconds(1));
            last = round(load);
        }
        return last;
    }

    private static Load gateway(int inFlight, int held) {
        return new Load(inFlight, held, List.of(), true);
    }

    @Test
    void loadAboveTargetScalesUpInTheSameRound() {
        startAt(1);

        ScaleDecision d = round(gateway(21, 0));

        assertThat(d.desiredReplicas()).isEqualTo(3);
        assertThat(d.reason()).isEqualTo("scale up 1 to 3: 21 in flight, target 8 per instance");
        assertThat(d.inFlight()).isEqualTo(21);
    }

    @Test
    void loadExactlyAtTargetKeepsTheCount() {
        startAt(2);

        ScaleDecision d = round(gateway(16, 0));

        assertThat(d.desiredReplicas()).isEqualTo(2);
        assertThat(d.reason()).startsWith("keep 2: 16 in flight");
        assertThat(changes).isZero();
    }

    @Test
    void heldRequestsAtZeroMeanOneInstanceAtOnce() {
        startAt(0);

        ScaleDecision d = round(gateway(0, 1));

        assertThat(d.desiredReplicas()).isEqualTo(1);
        assertThat(d.held()).isEqualTo(1);
        assertThat(d.reason()).isEqualTo("scale up 0 to 1: 1 requests held at zero");
    }

    @Test
    void heldRequestsCountAsDemand() {
        startAt(0);

        assertThat(round(gateway(0, 20)).desiredReplicas()).isEqualTo(3);
    }

    @Test
    void upIsClampedToMax() {
        startAt(1);

        ScaleDecision d = round(gateway(1000, 0));

        assertThat(d.desiredReplicas()).isEqualTo(4);
        assertThat(d.reason()).endsWith("(maxReplicas 4)");
    }

    @Test
    void theEnginesQueueCountsWhenItExceedsTheGatewaysView() {
        startAt(1);

        // Requests that bypass the gateway are seen by the engines only.
        ScaleDecision d = round(new Load(2, 0, List.of(new EngineQueue(8, 10), new EngineQueue(0, 0)), true));

        assertThat(d.desiredReplicas()).isEqualTo(3);
        assertThat(d.queued()).isEqualTo(10);
        assertThat(d.inFlight()).isEqualTo(18);
        assertThat(d.reason()).contains("18 in flight (10 queued in engines)");
    }

    @Test
    void gatewayAndEngineCountsOfTheSameRequestsAreNotAdded() {
        startAt(1);

        // 8 forwarded by the gateway are the engine's 8 running: one instance's worth, not two.
        assertThat(round(new Load(8, 0, List.of(new EngineQueue(8, 0)), true)).desiredReplicas()).isEqualTo(1);
    }

    @Test
    void downWaitsForTheWholeDelayThenTakesTheHighestNeedOfTheWindow() {
        startAt(1);
        round(gateway(30, 0)); // up to 4 at once
        assertThat(current.desiredReplicas()).isEqualTo(4);

        // Two instances' worth for the whole delay: nothing is removed before it has passed.
        ScaleDecision during = rounds(DELAY.minusSeconds(1), gateway(12, 0));
        assertThat(during.desiredReplicas()).isEqualTo(4);
        assertThat(during.reason()).endsWith("load watched for less than scaleDownDelay 5m");
        // The window now reaches back to the round that needed 4.
        ScaleDecision edge = rounds(Duration.ofSeconds(1), gateway(12, 0));
        assertThat(edge.reason()).startsWith("keep 4: 4 needed within the last 5m; now 12 in flight");

        ScaleDecision after = rounds(Duration.ofSeconds(1), gateway(12, 0));
        assertThat(after.desiredReplicas()).isEqualTo(2);
        assertThat(after.reason()).startsWith("scale down 4 to 2: at most 2 needed over the last 5m");
        assertThat(changes).isEqualTo(2);
    }

    @Test
    void aShortPeakWithinTheWindowKeepsInstances() {
        startAt(2);
        rounds(DELAY, gateway(10, 0));
        rounds(Duration.ofMinutes(3), gateway(1, 0));
        round(gateway(16, 0)); // a peak that needs 2
        ScaleDecision d = rounds(Duration.ofMinutes(4), gateway(1, 0));

        assertThat(d.desiredReplicas()).isEqualTo(2);
        assertThat(changes).isZero();

        assertThat(rounds(Duration.ofMinutes(1).plusSeconds(1), gateway(1, 0)).desiredReplicas()).isEqualTo(1);
    }

    @Test
    void zeroOnlyAfterNothingInFlightOrHeldForTheWholeDelay() {
        startAt(1);
        rounds(DELAY, gateway(1, 0));
        assertThat(current.desiredReplicas()).isEqualTo(1);

        // One request a minute before the end of the idle window restarts the wait.
        rounds(Duration.ofMinutes(4), gateway(0, 0));
        round(gateway(1, 0));
        assertThat(rounds(Duration.ofMinutes(4), gateway(0, 0)).desiredReplicas()).isEqualTo(1);

        ScaleDecision d = rounds(Duration.ofMinutes(1).plusSeconds(1), gateway(0, 0));
        assertThat(d.desiredReplicas()).isZero();
        assertThat(d.reason()).isEqualTo("scale to zero: nothing in flight or held for 5m");
    }

    @Test
    void aRoundWithASourceMissingNeverVotesDown() {
        startAt(2);
        rounds(DELAY.plusSeconds(1), gateway(0, 0));
        assertThat(current.desiredReplicas()).isZero();

        startAt(2);
        history = ScaleHistory.EMPTY;
        rounds(Duration.ofMinutes(1), new Load(0, 0, List.of(), false));
        ScaleDecision d = rounds(DELAY.minusSeconds(30), gateway(0, 0));

        // The replica that did not answer a minute ago may have carried load: the window still holds its vote.
        assertThat(d.desiredReplicas()).isEqualTo(2);
        assertThat(rounds(Duration.ofSeconds(31), gateway(0, 0)).desiredReplicas()).isZero();
    }

    @Test
    void anIncompleteRoundStillScalesUp() {
        startAt(1);

        assertThat(round(new Load(17, 0, List.of(), false)).desiredReplicas()).isEqualTo(3);
    }

    @Test
    void aFreshHistoryRemovesNothingBeforeAWholeDelay() {
        // As after an operator restart that resumed at 3 with no load now.
        startAt(3);

        ScaleDecision d = rounds(DELAY.minusSeconds(1), gateway(0, 0));

        assertThat(d.desiredReplicas()).isEqualTo(3);
        assertThat(d.reason()).contains("load watched for less than scaleDownDelay 5m");
        assertThat(changes).isZero();
    }

    @Test
    void minKeepsInstancesWhenIdle() {
        policy = new AutoscalePolicy(1, 4, 8, DELAY);
        startAt(3);

        assertThat(rounds(DELAY.plusSeconds(2), gateway(0, 0)).desiredReplicas()).isEqualTo(1);
    }

    @Test
    void aCountOutsideNewBoundsMovesIntoThemAtOnce() {
        startAt(4);
        policy = new AutoscalePolicy(0, 2, 8, DELAY);

        ScaleDecision d = round(gateway(100, 0));

        assertThat(d.desiredReplicas()).isEqualTo(2);
        assertThat(d.reason()).isEqualTo("scale down 4 to 2: maxReplicas is 2");

        policy = new AutoscalePolicy(3, 5, 8, DELAY);
        assertThat(round(gateway(0, 0)).reason()).isEqualTo("scale up 2 to 3: minReplicas is 3");
    }

    @Test
    void aZeroDelayScalesDownInTheSameRound() {
        policy = new AutoscalePolicy(0, 4, 8, Duration.ZERO);
        startAt(3);

        assertThat(round(gateway(8, 0)).desiredReplicas()).isEqualTo(1);
    }

    @Test
    void durationsAreWrittenAsInTheSpec() {
        assertThat(ScaleDecider.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(ScaleDecider.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(ScaleDecider.format(Duration.ofMinutes(90).plusSeconds(5))).isEqualTo("1h30m5s");
        assertThat(ScaleDecider.format(Duration.ZERO)).isEqualTo("0s");
    }
}
