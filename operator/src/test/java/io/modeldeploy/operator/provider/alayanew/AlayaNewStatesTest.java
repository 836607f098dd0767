package io.modeldeploy.operator.provider.alayanew;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AlayaNewStatesTest {

    /** vendors.md section 5, Alaya column, with the older page's misspellings and other cases. */
    @ParameterizedTest
    @CsvSource({
            "starting, Starting", "staring, Starting", "STARTING, Starting", "Staring, Starting",
            "running, Running", "RUNNING, Running",
            "stopping, Stopping", "stoping, Stopping", "Stopping, Stopping",
            "stopped, Stopped", "stoped, Stopped", "STOPED, Stopped",
            "failed, Failed", "FAILED, Failed"})
    void everyDocumentedValueMaps(String status, Phase phase) {
        assertThat(AlayaNewStates.map(status, List.of(true, true)).phase()).contains(phase);
    }

    @Test
    void runningWithAnInstanceStillLoadingItsBaseModelIsStarting() {
        assertThat(AlayaNewStates.map("running", List.of(true, false)).phase()).contains(Phase.Starting);
    }

    @Test
    void runningWithoutInstancesIsRunning() {
        // A LoRA service reports no instances of its own; its attachment is checked against the base.
        assertThat(AlayaNewStates.map("running", List.of()).phase()).contains(Phase.Running);
    }

    @Test
    void anUnknownValueKeepsThePhaseAndNeverFails() {
        assertThat(AlayaNewStates.map("upgrading", List.of(true))).isEqualTo(VendorState.unknown());
        assertThat(AlayaNewStates.map(null, List.of()).phase()).isEqualTo(Optional.empty());
        assertThat(AlayaNewStates.map("", List.of()).phase()).isEmpty();
    }
}
