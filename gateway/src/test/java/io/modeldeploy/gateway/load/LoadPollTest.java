package io.modeldeploy.gateway.load;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadPollTest {

    @Test
    void withoutParametersTheCallerHasSeenNothingAndTheWaitIsTheDefault() {
        assertThat(LoadPoll.of(null, null, 1000, 5000)).isEqualTo(new LoadPoll(OptionalLong.empty(), 1000));
    }

    @Test
    void theWaitIsCappedAtTheMaximum() {
        assertThat(LoadPoll.of("42", "60000", 1000, 5000)).isEqualTo(new LoadPoll(OptionalLong.of(42), 5000));
    }

    @Test
    void aParameterThatIsNotANonNegativeIntegerIsRefused() {
        assertThatThrownBy(() -> LoadPoll.of("x", null, 1000, 5000)).hasMessageContaining("after");
        assertThatThrownBy(() -> LoadPoll.of("1", "-5", 1000, 5000)).hasMessageContaining("waitMs");
    }
}
