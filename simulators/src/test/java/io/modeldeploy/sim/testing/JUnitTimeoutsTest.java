package io.modeldeploy.sim.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JUnitTimeoutsTest {
    @Test
    void readsJUnitsDurationSyntax() {
        assertThat(JUnitTimeouts.parse("60")).isEqualTo(Duration.ofSeconds(60));
        assertThat(JUnitTimeouts.parse("90 s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(JUnitTimeouts.parse("3 m")).isEqualTo(Duration.ofMinutes(3));
        assertThat(JUnitTimeouts.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(JUnitTimeouts.parse("1 H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void refusesWhatJUnitWouldIgnore() {
        assertThatThrownBy(() -> JUnitTimeouts.parse("3 minutes")).hasMessageContaining("not a JUnit timeout");
        assertThatThrownBy(() -> JUnitTimeouts.parse("0 s")).hasMessageContaining("not a JUnit timeout");
    }
}
