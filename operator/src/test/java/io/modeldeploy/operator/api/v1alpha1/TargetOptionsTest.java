package io.modeldeploy.operator.api.v1alpha1;

import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each managed provider's options block reads and writes under the field its Provider constant names. */
class TargetOptionsTest {

    @Test
    void everyProvidersOptionsRoundTripUnderItsOwnField() {
        for (Provider provider : Provider.values()) {
            if (provider.optionsField().isEmpty()) {
                continue;
            }
            String field = provider.optionsField().get();
            Target target = Serialization.unmarshal("{\"provider\": \"" + provider + "\", \"" + field
                    + "\": {\"region\": \"r-1\", \"qps\": 5}}", Target.class);

            assertThat(target.optionsFor(provider)).isEqualTo(Map.of("region", "r-1", "qps", 5));
            assertThat(Serialization.asJson(target)).isEqualTo("{\"provider\":\"" + provider + "\",\"" + field
                    + "\":{\"region\":\"r-1\",\"qps\":5}}");
        }
    }

    @Test
    void theDrunFieldIsSpelledAsApiMdSpellsIt() {
        Target target = Serialization.unmarshal("{\"provider\": \"DRun\", \"dRun\": {\"skuId\": \"s\"}}", Target.class);

        assertThat(target.optionsFor(Provider.DRun)).containsEntry("skuId", "s");
        assertThat(target.optionsFor(Provider.InCluster)).isEmpty();
    }
}
