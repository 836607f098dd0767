package io.modeldeploy.sim.platform.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void reportsTheLastStepReached() {
        Timeline<String> timeline = Timeline.starting(T0, "starting")
                .then(Duration.ofSeconds(2), "loading")
                .then(Duration.ofSeconds(3), "running");

        assertThat(timeline.at(T0.minusSeconds(1))).as("before the start: the first status").isEqualTo("starting");
        assertThat(timeline.at(T0)).isEqualTo("starting");
        assertThat(timeline.at(T0.plusMillis(1999))).isEqualTo("starting");
        assertThat(timeline.at(T0.plusSeconds(2))).isEqualTo("loading");
        assertThat(timeline.at(T0.plusSeconds(5))).isEqualTo("running");
        assertThat(timeline.at(T0.plusSeconds(500))).isEqualTo("running");
        assertThat(timeline.settlesAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(timeline.finalStatus()).isEqualTo("running");
    }

    @Test
    void aZeroDelaySettlesAtOnce() {
        Timeline<String> timeline = Timeline.starting(T0, "deploying").then(Duration.ZERO, "running");

        assertThat(timeline.at(T0)).isEqualTo("running");
    }
}
