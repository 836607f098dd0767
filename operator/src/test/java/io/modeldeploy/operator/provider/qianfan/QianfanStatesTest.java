package io.modeldeploy.operator.provider.qianfan;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** vendors.md §5, Qianfan column: every runStatus, any case, and what is not in the table. */
class QianfanStatesTest {

    @ParameterizedTest
    @CsvSource({
            "New, Pending", "new, Pending",
            "Deploying, Starting", "DEPLOYING, Starting",
            "Serving, Running", "serving, Running",
            "Failed, Failed", "FAILED, Failed",
            "Stopped, Stopped", "stopped, Stopped"})
    void everyDocumentedRunStatus(String runStatus, Phase phase) {
        assertThat(QianfanStates.of(runStatus, "None", "None", false)).isEqualTo(VendorState.of(phase));
    }

    @Test
    void unknownValuesKeepThePhase() {
        assertThat(QianfanStates.of("Releasing", "None", "None", false)).isEqualTo(VendorState.unknown());
        assertThat(QianfanStates.of(null, null, null, false)).isEqualTo(VendorState.unknown());
    }

    @Test
    void servingWhileScalingOrUpdatingIsRunningAndBusy() {
        VendorState scaling = QianfanStates.of("Serving", "None", "Scaling", false);
        assertThat(scaling.phase()).contains(Phase.Running);
        assertThat(scaling.detail()).hasValueSatisfying(d -> assertThat(d).contains("scaling"));

        assertThat(QianfanStates.of("Serving", "Updating", "None", false).detail()).isPresent();
        assertThat(QianfanStates.of("Serving", "none", "NONE", true).detail()).isPresent();
        assertThat(QianfanStates.of("Serving", null, null, false).detail()).isEqualTo(Optional.empty());
    }
}
