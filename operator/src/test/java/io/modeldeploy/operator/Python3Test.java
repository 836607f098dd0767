package io.modeldeploy.operator;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Python3Test {
    @Test
    void aMissingInterpreterFailsTheTestUnlessSkippingWasAskedFor() {
        assertThat(Python3.answers("no-such-python3-here")).isFalse();

        assertThatThrownBy(() -> Python3.require(false, false)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("python3 is not on PATH").hasMessageContaining("-D" + Python3.OPT_OUT + "=true");
        assertThatThrownBy(() -> Python3.require(false, true)).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aPresentInterpreterLetsTheTestRun() {
        Python3.require(true, false);
    }
}
