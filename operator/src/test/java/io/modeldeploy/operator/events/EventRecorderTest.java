package io.modeldeploy.operator.events;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.modeldeploy.operator.Fixtures.vllmQuickStart;
import static org.assertj.core.api.Assertions.assertThatCode;

/** An Event is a courtesy: when the API server cannot take it, the reconcile must go on. */
class EventRecorderTest {
    private KubernetesClient unreachable;

    @BeforeEach
    void clientForAnApiServerThatIsNotThere() {
        unreachable = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:1")
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(1000)
                .withRequestTimeout(1000)
                .build()).build();
    }

    @AfterEach
    void close() {
        unreachable.close();
    }

    @Test
    @Timeout(30)
    void warningIsDroppedWithoutThrowingWhenTheApiServerIsUnreachable() {
        EventRecorder events = new EventRecorder(unreachable);

        assertThatCode(() -> events.warning(vllmQuickStart(), "InvalidSpec", "spec.replicas: must be >= 0"))
                .doesNotThrowAnyException();
    }
}
