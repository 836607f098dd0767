package io.modeldeploy.operator.adapters;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdapterReportsTest {
    private static final ResourceID BASE = new ResourceID("qwen-base", "team-a");
    private final AdapterReports reports = new AdapterReports();
    private final List<ResourceID> heard = new ArrayList<>();

    AdapterReportsTest() {
        reports.onHeldChange(heard::add);
    }

    private static InstanceAdapters holding(String... adapters) {
        return new InstanceAdapters(true, List.of(adapters), Map.of(), Map.of());
    }

    @Test
    void aBaseWhoseEnginesHoldOtherAdaptersIsHeardOf() {
        reports.publish(BASE, Map.of("p1", holding("a")));
        reports.publish(BASE, Map.of("p1", holding("a", "sql-lora")));

        assertThat(heard).containsExactly(BASE, BASE);
    }

    @Test
    void aSyncThatChangesNothingHeldIsNotHeardOf() {
        reports.publish(BASE, Map.of("p1", holding("a")));
        reports.publish(BASE, Map.of("p1", new InstanceAdapters(true, List.of("a"), Map.of(), Map.of("b", "downloading"))));

        assertThat(heard).containsExactly(BASE);
    }

    @Test
    void anEngineThatStoppedAnsweringChangesWhatIsHeld() {
        reports.publish(BASE, Map.of("p1", holding("a")));
        reports.publish(BASE, Map.of("p1", InstanceAdapters.unreachable("connection refused")));

        assertThat(heard).containsExactly(BASE, BASE);
    }
}
