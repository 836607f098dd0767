package io.modeldeploy.operator.provider.zstack;

import io.modeldeploy.operator.api.v1alpha1.Phase;
import io.modeldeploy.operator.provider.VendorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** vendors.md §5, ZStack column: the documented values, the table's guesses for failure, any case, unknowns. */
class ZStackStatesTest {

    @ParameterizedTest
    @CsvSource({
            "Deploying, Starting", "deploying, Starting",
            "Running, Running", "RUNNING, Running",
            "Failed, Failed", "failed, Failed",
            "Error, Failed", "ERROR, Failed"})
    void everyValueInTheTable(String status, Phase phase) {
        assertThat(ZStackStates.of(status)).isEqualTo(VendorState.of(phase));
    }

    @Test
    void unknownValuesKeepThePhase() {
        assertThat(ZStackStates.of("Stopped")).isEqualTo(VendorState.unknown());
        assertThat(ZStackStates.of("Migrating")).isEqualTo(VendorState.unknown());
        assertThat(ZStackStates.of(null)).isEqualTo(VendorState.unknown());
    }
}
