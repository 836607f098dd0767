package io.modeldeploy.operator.provider.drun;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DRunStatesTest {

    /** vendors.md section 5, d.run column, in any case. */
    @ParameterizedTest
    @CsvSource({
            "STATUS_UNSPECIFIED, Pending", "status_unspecified, Pending",
            "DEPLOYING, Starting", "deploying, Starting",
            "RUNNING, Running", "Running, Running",
            "DELETING, Stopping", "deleting, Stopping",
            "STOPPED, Stopped", "stopped, Stopped",
            "FAILED, Failed", "failed, Failed"})
    void everyDocumentedValueMaps(String status, Phase phase) {
        VendorState state = DRunStates.map(status, false);
        assertThat(state.phase()).contains(phase);
        assertThat(state.detail()).isEmpty();
    }

    @Test
    void scalingWhileServingStaysRunningWithADetail() {
        VendorState state = DRunStates.map("SCALING", true);
        assertThat(state.phase()).contains(Phase.Running);
        assertThat(state.detail()).hasValueSatisfying(d -> assertThat(d).contains("scaling"));
    }

    @Test
    void scalingBeforeServingIsStarting() {
        assertThat(DRunStates.map("scaling", false)).isEqualTo(VendorState.of(Phase.Starting));
    }

    @Test
    void anUnknownValueKeepsThePhaseAndNeverFails() {
        assertThat(DRunStates.map("UPGRADING", true)).isEqualTo(VendorState.unknown());
        assertThat(DRunStates.map(null, false)).isEqualTo(VendorState.unknown());
    }
}
