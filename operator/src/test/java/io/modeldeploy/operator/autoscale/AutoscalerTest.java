package io.modeldeploy.operator.autoscale;

import io.modeldeploy.operator.MutableClock;
import io.modeldeploy.operator.api.v1alpha1.Backend;
import io.modeldeploy.operator.deployment.AutoscalePolicy;
import io.modeldeploy.operator.deployment.ScaleDecision;
import io.modeldeploy.operator.engine.Engines;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** One round of the scaling loop on fake load sources. */
class AutoscalerTest {
    private static final ScaleKey CHAT = new ScaleKey("team-a", "chat");
    private static final AutoscalePolicy POLICY = new AutoscalePolicy(0, 4, 8, Duration.ofMinutes(5));
    private final MutableClock clock = new MutableClock();
    private final ScaleBook book = new ScaleBook();
    private final FakeGateway gateway = new FakeGateway();
    private final Map<String, EngineQueue> queues = new HashMap<>();
    private final List<String> scraped = new ArrayList<>();
    private final List<ScaleKey> woken = new ArrayList<>();
    private final Autoscaler autoscaler = new Autoscaler(book, gateway, endpoint -> {
        scraped.add(endpoint.instance());
        EngineQueue q = queues.get(endpoint.instance());
        return q == null ? CompletableFuture.failedFuture(new LoadUnavailable("down")) : CompletableFuture.completedFuture(q);
    }, clock, Duration.ofSeconds(1));

    AutoscalerTest() {
        book.onChange(woken::add);
    }

    private static final class FakeGateway implements GatewayLoad {
        GatewayLoad.Snapshot snapshot = new Snapshot(0, List.of());
        final List<Boolean> wanted = new ArrayList<>();

        @Override
        public Snapshot snapshot() {
            return snapshot;
        }

        @Override
        public void wanted(boolean w) {
            wanted.add(w);
        }

        @Override
        public void onNewDemand(Runnable listener) {
        }
    }

    private static EngineEndpoint engine(String pod) {
        return new EngineEndpoint(pod, "127.0.0.1", 8000, Engines.of(Backend.VLLM));
    }

    private void track(int current, EngineEndpoint... engines) {
        book.track(new ScaleTarget(CHAT, POLICY, List.of(engines)),
                () -> new ScaleDecision(current, 0, 0, 0, "start", clock.instant()), clock.instant());
    }

    private static GatewayLoad.Snapshot oneReplica(int inFlight, int held) {
        return new GatewayLoad.Snapshot(1, List.of(new GatewayReport("gw", 1,
                Map.of(CHAT, new GatewayReport.Figures(inFlight, held)))));
    }

    @Test
    void withNothingToScaleARoundPollsNothingAndScrapesNothing() {
        autoscaler.round();

        assertThat(gateway.wanted).containsExactly(false);
        assertThat(scraped).isEmpty();
    }

    @Test
    void aRoundSumsTheGatewayAndTheEnginesDecidesAndWakesTheReconcile() {
        track(1, engine("chat-a"), engine("chat-b"));
        gateway.snapshot = oneReplica(4, 0);
        queues.put("chat-a", new EngineQueue(8, 6));
        queues.put("chat-b", new EngineQueue(8, 2));

        autoscaler.round();

        assertThat(gateway.wanted).containsExactly(true);
        assertThat(scraped).containsExactlyInAnyOrder("chat-a", "chat-b");
        ScaleDecision d = book.current(CHAT).orElseThrow().decision();
        assertThat(d.desiredReplicas()).isEqualTo(3);
        assertThat(d.queued()).isEqualTo(8);
        assertThat(woken).containsExactly(CHAT);
    }

    @Test
    void heldAtZeroWakesAtOnce() {
        track(0);
        gateway.snapshot = oneReplica(0, 1);

        autoscaler.round();

        assertThat(book.current(CHAT).orElseThrow().decision().desiredReplicas()).isEqualTo(1);
        assertThat(woken).containsExactly(CHAT);
    }

    @Test
    void anEngineThatDoesNotAnswerKeepsInstancesForTheWholeWindow() {
        track(2, engine("chat-a"), engine("chat-b"));
        gateway.snapshot = oneReplica(0, 0);
        queues.put("chat-a", new EngineQueue(0, 0));

        for (int s = 0; s <= 301; s++) {
            clock.advance(Duration.ofSeconds(1));
            autoscaler.round();
        }

        assertThat(book.current(CHAT).orElseThrow().decision().desiredReplicas()).isEqualTo(2);
        assertThat(woken).isEmpty();
    }

    @Test
    void aSteadyLoadChangesNothing() {
        track(2);
        gateway.snapshot = oneReplica(12, 0);

        autoscaler.round();
        autoscaler.round();

        assertThat(book.current(CHAT).orElseThrow().decision().reason()).isEqualTo("start");
        assertThat(woken).isEmpty();
    }
}
