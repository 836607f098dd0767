package io.modeldeploy.operator.reconcile;

import io.fabric8.kubernetes.api.model.Secret;
import io.modeldeploy.operator.Fixtures;
import io.modeldeploy.operator.api.gateway.PublishedKey;
import io.modeldeploy.operator.api.v1alpha1.ModelDeployment;
import io.modeldeploy.operator.render.GatewayKeyRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rounds that remove the gateway's key copies nobody names: on the leader only, and soon when asked. That a
 * deleted deployment's copy goes on the real API server is shown by GatewayIT and, across leader changes, ChaosIT.
 */
class PublishedKeySweepsTest {
    private static final String GATEWAY_NAMESPACE = "modeldeploy-system";
    private static final Duration NOT_BY_THE_TIMER = Duration.ofHours(1);

    private final FakeCluster cluster = new FakeCluster();
    private final GatewayKeys keys = new GatewayKeys(Optional.of(GATEWAY_NAMESPACE), cluster);
    private PublishedKeySweeps sweeps;

    PublishedKeySweepsTest() {
        keys.readPublishedFrom(this::copies, ns -> ns.equals(Fixtures.NAMESPACE));
        cluster.apply(GatewayKeyRenderer.render(GATEWAY_NAMESPACE, Fixtures.NAMESPACE, "gone-key", "apiKey", "sk-1"));
    }

    @AfterEach
    void stop() {
        if (sweeps != null) {
            sweeps.stop();
        }
    }

    @Test
    void aRoundOnTheLeaderRemovesTheCopiesNoLiveDeploymentNames() {
        ModelDeployment live = Fixtures.vllmQuickStart();
        cluster.apply(GatewayKeyRenderer.render(GATEWAY_NAMESPACE, Fixtures.NAMESPACE, live.getMetadata().getName()
                + "-api-key", "apiKey", "sk-2"));
        sweeps = new PublishedKeySweeps(keys, () -> List.of(live), NOT_BY_THE_TIMER, () -> true);

        sweeps.sweepIfLeading();

        assertThat(copies()).extracting(c -> c.getMetadata().getAnnotations().get(PublishedKey.SOURCE_SECRET))
                .containsExactly(live.getMetadata().getName() + "-api-key");
    }

    @Test
    void aReplicaThatDoesNotLeadRemovesNothing() {
        sweeps = new PublishedKeySweeps(keys, List::of, NOT_BY_THE_TIMER, () -> false);

        sweeps.sweepIfLeading();

        assertThat(copies()).hasSize(1);
    }

    @Test
    void theTimerSweepsWithoutBeingAsked() throws InterruptedException {
        CountDownLatch swept = new CountDownLatch(1);
        sweeps = new PublishedKeySweeps(keys, () -> {
            swept.countDown();
            return List.of();
        }, Duration.ZERO, () -> true);

        sweeps.start();

        assertThat(swept.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private List<Secret> copies() {
        return cluster.live().stream().filter(o -> o instanceof Secret s && s.getMetadata().getLabels() != null
                && s.getMetadata().getLabels().containsKey(PublishedKey.LABEL)).map(Secret.class::cast).toList();
    }
}
