package io.modeldeploy.gateway.load;

import io.modeldeploy.gateway.catalog.Deployments;
import io.modeldeploy.gateway.catalog.Snapshot;
import io.modeldeploy.gateway.catalog.SnapshotBuilder;
import io.modeldeploy.gateway.hold.HoldQueue;
import io.modeldeploy.gateway.route.InFlight;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.modeldeploy.gateway.catalog.Deployments.autoscaled;
import static io.modeldeploy.gateway.catalog.Deployments.served;
import static org.assertj.core.api.Assertions.assertThat;

class LoadReportTest {
    private final AtomicLong nanos = new AtomicLong();
    private final HoldQueue<String> held = new HoldQueue<>(10, nanos::get, () -> {
    });
    private final InFlight inFlight = new InFlight();

    /** chat (autoscaled, with a LoRA service on it), cold (autoscaled, no served names yet), plain (not autoscaled). */
    private final Snapshot snapshot = SnapshotBuilder.build(List.of(
            autoscaled(Deployments.withAdapters(served("ns", "chat", "chat"), "sql"), null),
            Deployments.loraService("ns", "chat-sql", "chat", "sql"),
            autoscaled(served("ns", "cold"), "no node has GPU type B200"),
            served("ns", "plain", "plain")), List.of(), List.of());

    /** chat's and cold's figures, {inFlight, held, oldestHeldMillis} each. */
    private void assertReported(int[] chat, int[] cold) {
        assertThat(LoadReport.of("gw-1", 3, snapshot, inFlight, held).deployments()).containsExactly(
                new LoadReport.DeploymentLoad("ns", "chat", chat[0], chat[1], chat[2]),
                new LoadReport.DeploymentLoad("ns", "cold", cold[0], cold[1], cold[2]));
    }

    @Test
    void everyAutoscaledDeploymentIsListedZerosIncludedAndNoOther() {
        assertReported(new int[]{0, 0, 0}, new int[]{0, 0, 0});
    }

    @Test
    void inFlightCountsForThePodOwnerAndHeldRequestsWithTheirAge() {
        inFlight.start("ns/chat", "ns/chat-1");
        inFlight.start("ns/chat-sql", "ns/chat-1");
        inFlight.start("ns/plain", "ns/plain-1");
        held.hold("ns/cold", "first");
        nanos.addAndGet(850_000_000L);
        held.hold("ns/cold", "second");

        assertReported(new int[]{2, 0, 0}, new int[]{0, 2, 850});
    }

    @Test
    void theJsonIsTheContractsShape() {
        held.hold("ns/cold", "first");

        JsonObject json = LoadReport.of("gw-1", 42, snapshot, inFlight, held).toJson();

        assertThat(json.getString("gateway")).isEqualTo("gw-1");
        assertThat(json.getLong("generation")).isEqualTo(42);
        assertThat(json.getJsonArray("deployments").getJsonObject(1).getMap()).containsOnlyKeys(
                "namespace", "name", "inFlight", "held", "oldestHeldMillis").containsEntry("held", 1)
                .containsEntry("namespace", "ns").containsEntry("name", "cold");
    }
}
